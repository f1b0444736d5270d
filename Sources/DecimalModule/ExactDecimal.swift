/// An exact decimal number: an integer coefficient × 10^exponent.
///
/// `ExactDecimal` is the number type of every amount and rate in Huiqi. It follows the General
/// Decimal Arithmetic specification (the model of Python's `decimal`, IEEE 754 decimal and
/// Java's `BigDecimal`) for finite values:
///
/// - `+`, `−` and `×` are exact. Nothing is ever rounded unless you ask for it.
/// - Division, rounding and quantize take a ``DecimalContext``: a precision (significant
///   digits) or a scale (digits after the point), and one of the eight ``RoundingMode``s.
/// - There is no NaN and no infinity: what the specification signals as an error condition
///   throws a ``DecimalError``.
/// - The exponent is kept: `1.50` stays `1.50` when printed, while `1.5 == 1.50` and both hash
///   alike. Signed zero follows the specification (`-0` prints as `-0` and equals `0`).
///
/// ```swift
/// let principal = try ExactDecimal(parsing: "3000000")
/// let rate = try ExactDecimal(parsing: "0.0365")
/// let interest = try (principal * rate * 365).divided(by: 360, .scale(2, rounding: .halfUp))
/// print(interest)  // 111020.83
/// ```
///
/// ## Representation
///
/// A coefficient that fits in `Int64` is stored inline: such values never allocate, and their
/// arithmetic is a few machine instructions with an overflow check. A larger coefficient lives
/// in a GMP integer behind a copy-on-write reference, and results move back inline as soon as
/// they fit. Which one a value uses is invisible to callers.
///
/// ## Limits
///
/// The exponent stays within ±``maximumExponent`` and the coefficient within
/// ``maximumDigits`` digits. Input beyond them is refused before any work is done
/// (`"1e999999999999"` or a 10 MB string of digits fails at once). The throwing operations
/// report a result beyond them as ``DecimalError/exponentOutOfRange`` or
/// ``DecimalError/tooManyDigits``; the operators `+`, `−`, `×` trap instead, as `Int`'s do on
/// overflow — use ``adding(_:)``, ``subtracting(_:)`` and ``multiplied(by:)`` where operands
/// are not bounded.
public struct ExactDecimal: Sendable {
    /// The largest magnitude of ``exponent``: 1,999,999,999.
    @inlinable public static var maximumExponent: Int { 1_999_999_999 }
    /// The largest number of digits of a coefficient: 1,000,000.
    @inlinable public static var maximumDigits: Int { 1_000_000 }

    /// Whether |`exponent`| ≤ ``maximumExponent``, in one comparison.
    @_transparent @usableFromInline static func isWithinExponentLimit(_ exponent: Int) -> Bool {
        UInt(bitPattern: exponent &+ maximumExponent) <= UInt(2 * maximumExponent)
    }

    // Declared in this order, the stored form takes 16 bytes: the coefficient's 8-byte payload
    // and its case tag, the sign of zero, then the exponent.
    @usableFromInline var coefficient: Coefficient
    /// True only for a negative zero (a non-zero value's sign is its coefficient's).
    @usableFromInline var isNegativeZero: Bool
    @usableFromInline var storedExponent: Int32

    @inlinable init(coefficient: Coefficient, exponent: Int32, negativeZero: Bool = false) {
        self.coefficient = coefficient
        self.storedExponent = exponent
        self.isNegativeZero = negativeZero && coefficient.isZero
    }

    /// A value checked against the limits, for results of the general (slow) paths.
    @usableFromInline init(checking coefficient: Coefficient, exponent: Int, negative: Bool = false) throws(DecimalError) {
        guard ExactDecimal.isWithinExponentLimit(exponent) else { throw .exponentOutOfRange }
        if case .big(let big) = coefficient, big.hasMoreDigits(than: ExactDecimal.maximumDigits) { throw .tooManyDigits }
        self.init(coefficient: coefficient, exponent: Int32(exponent), negativeZero: negative)
    }

    /// `coefficient` × 10^`exponent`; for example `ExactDecimal(6083333, exponent: -2)` is
    /// 60833.33.
    ///
    /// - Precondition: |`exponent`| ≤ ``maximumExponent``.
    @inlinable public init(_ coefficient: Int64, exponent: Int = 0) {
        precondition(ExactDecimal.isWithinExponentLimit(exponent), "ExactDecimal: exponent \(exponent) out of range")
        self.init(coefficient: Coefficient(coefficient), exponent: Int32(exponent))
    }

    /// The integer `value` (exponent 0).
    @inlinable public init(_ value: Int) {
        self.init(Int64(value))
    }

    /// Zero, with exponent 0.
    public static var zero: ExactDecimal { ExactDecimal(0) }

    /// The power of ten of the coefficient's last digit: −2 for `60833.33`, 3 for `1E+3`.
    @inlinable public var exponent: Int { Int(storedExponent) }

    /// Digits after the decimal point: −``exponent``.
    @inlinable public var scale: Int { -Int(storedExponent) }

    /// Whether the value is zero (of either sign).
    @inlinable public var isZero: Bool { coefficient.isZero }

    /// Whether the sign is negative; true for −0 too.
    @inlinable public var isNegative: Bool { isNegativeZero || coefficient.signum < 0 }

    /// -1, 0 or 1 (0 for either zero).
    @inlinable public var signum: Int { coefficient.signum }

    /// The number of digits of the coefficient (1 for zero): 7 for `60833.33`.
    public var digitCount: Int { coefficient.digitCount }

    /// The exponent of the most significant digit: ``exponent`` + ``digitCount`` − 1.
    /// 4 for `60833.33`, −3 for `0.00123`.
    public var adjustedExponent: Int { exponent + digitCount - 1 }

    /// The same value with the sign flipped, −0 included (GDA `copy-negate`).
    @inlinable var signFlipped: ExactDecimal {
        if coefficient.isZero {
            return ExactDecimal(coefficient: coefficient, exponent: storedExponent, negativeZero: !isNegativeZero)
        }
        return ExactDecimal(coefficient: coefficient.negated, exponent: storedExponent)
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    /// An integer literal: `let days: ExactDecimal = 365`.
    @inlinable public init(integerLiteral value: Int64) {
        self.init(value)
    }
}
