@testable import PolicyModule
import Testing

/// A batch row's cells are encoded straight from the typed result, or written from it by the
/// measures that do (``BatchRecord``); they must be the cells the result's whole JSON gives (what
/// `calc --json` prints), for every measure and every scenario.
@Suite struct ResultCellsTests {
    /// The cells as read from the result's JSON: each output field in the first element of the
    /// input list, else at the top.
    static func cellsFromJSON(_ result: any MeasureResult, _ measure: AnyMeasure) throws -> [Batch.Cell] {
        let json = try JSONValue(encoding: result).inputValue
        let element = measure.inputList.flatMap { json.value(at: "\($0).0") }
        return measure.outputFields.map { field in
            guard case .text(let text)? = element?.value(at: field.name) ?? json.value(at: field.name) else { return .empty }
            return Batch.cell(.text(text))
        }
    }

    @Test(arguments: [false, true])
    func cellsAreThoseOfTheResultsJSON(explaining: Bool) throws {
        let parameters = try ParameterTable.bundled()
        var compared = 0
        var kinds: Set<String> = []
        for scenario in ScenarioTests.scenarios {
            let measure = try MeasureRegistry.measure(scenario.measure)
            guard let result = try? measure.calculate(scenario.input, parameters, explaining: explaining) else { continue }
            let cells = try ResultCells.cells(of: result, fields: measure.outputFields, list: measure.inputList)
            #expect(cells == (try Self.cellsFromJSON(result, measure)), "\(scenario.name)")
            // The cells a batch writes: these, or those the measure writes directly (BatchRecord).
            #expect(try measure.outputCells(of: result) == cells, "\(scenario.name)")
            for cell in cells {
                switch cell {
                case .text: kinds.insert("text")
                case .value: kinds.insert("value")
                case .empty: kinds.insert("empty")
                }
            }
            compared += 1
        }
        #expect(compared >= 300)
        #expect(kinds == ["text", "value", "empty"])
    }
}
