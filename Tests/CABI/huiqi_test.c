/*
 * Calls every function of include/huiqi.h. Checks what it can by itself (decimal results,
 * error statuses and messages, equal results from many threads) and writes the rest to
 * OUTDIR for Tests/CABI/run.sh to compare byte for byte with the `huiqi` command line.
 *
 *   huiqi_test OUTDIR
 */
#include "huiqi.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static const char *examples[] = {"interest-subsidy", "guarantee-fee", "small-scale-vat", "small-profit-cit",
                                 "rd-super-deduction"};
#define EXAMPLE_COUNT (sizeof examples / sizeof examples[0])

#define CHECK(condition, ...)                                                      \
    do {                                                                           \
        if (!(condition)) {                                                        \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                   \
            fprintf(stderr, __VA_ARGS__);                                          \
            fprintf(stderr, "\n");                                                 \
            failures++;                                                            \
        }                                                                          \
    } while (0)

static char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *bytes = malloc((size_t)size + 1);
    size_t read = fread(bytes, 1, (size_t)size, file);
    fclose(file);
    bytes[read] = 0;
    *length = read;
    return bytes;
}

static void write_file(const char *directory, const char *name, const char *bytes, size_t length) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", directory, name);
    FILE *file = fopen(path, "wb");
    if (!file) {
        CHECK(0, "cannot write %s", path);
        return;
    }
    fwrite(bytes, 1, length, file);
    fclose(file);
}

/* A decimal operation's result, compared with `expected`. The pointers are read here, after
   the call (the order in which arguments are evaluated is unspecified). */
static void expect_decimal(int status, char **out, char **error, const char *expected, const char *what) {
    CHECK(status == HUIQI_OK, "%s: status %d (%s)", what, status, *error ? *error : "");
    CHECK(*out && strcmp(*out, expected) == 0, "%s: got %s, expected %s", what, *out ? *out : "(null)", expected);
    huiqi_free(*out);
    huiqi_free(*error);
    *out = NULL;
    *error = NULL;
}

/* A call that must fail with `status` and a message containing `fragment`. */
static void expect_error(int status, int expected, char **error, const char *fragment, const char *what) {
    CHECK(status == expected, "%s: status %d, expected %d", what, status, expected);
    CHECK(*error && strstr(*error, fragment), "%s: message \"%s\" lacks \"%s\"", what, *error ? *error : "(null)", fragment);
    huiqi_free(*error);
    *error = NULL;
}

struct job {
    const huiqi_parameters *parameters;
    const char *input;
    size_t length;
    char *result;
};

static void *calculate_many(void *argument) {
    struct job *job = argument;
    for (int round = 0; round < 50; round++) {
        char *json = NULL;
        char *error = NULL;
        if (huiqi_calculate(job->parameters, "interest-subsidy", job->input, job->length, &json, NULL, &error) != HUIQI_OK) {
            huiqi_free(error);
            return NULL;
        }
        huiqi_free(job->result);
        job->result = json;
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: huiqi_test OUTDIR (run from the repository)\n");
        return 2;
    }
    const char *outdir = argv[1];
    char *error = NULL;
    char *json = NULL;
    size_t length = 0;

    CHECK(strcmp(huiqi_version(), "") != 0, "empty version");
    CHECK(strcmp(huiqi_status_message(HUIQI_ERROR_INPUT), "invalid input") == 0, "status message");
    CHECK(strcmp(huiqi_status_message(99), "unknown status") == 0, "unknown status message");

    huiqi_parameters *bundled = NULL;
    CHECK(huiqi_parameters_bundled(&bundled, &error) == HUIQI_OK && bundled, "bundled parameters: %s", error ? error : "");
    CHECK(error == NULL, "error set on success");

    CHECK(huiqi_parameters_audit(bundled, &json, &length, &error) == HUIQI_OK, "audit");
    CHECK(strstr(json, "\"parameters_source\": \"bundled\"") != NULL, "audit: %s", json);
    write_file(outdir, "audit.json", json, length);
    huiqi_free(json);

    CHECK(huiqi_measures(&json, &length, &error) == HUIQI_OK, "measures");
    write_file(outdir, "list.json", json, length);
    huiqi_free(json);

    CHECK(huiqi_parameters_list(bundled, NULL, &json, &length, &error) == HUIQI_OK, "parameters");
    write_file(outdir, "params.json", json, length);
    huiqi_free(json);
    CHECK(huiqi_parameters_list(bundled, "2023-05-01", &json, &length, &error) == HUIQI_OK, "parameters at");
    write_file(outdir, "params-2023-05-01.json", json, length);
    huiqi_free(json);

    /* The worked examples, each through huiqi_calculate. */
    for (size_t index = 0; index < EXAMPLE_COUNT; index++) {
        char path[512];
        snprintf(path, sizeof path, "Tests/CABI/examples/%s.json", examples[index]);
        size_t input_length = 0;
        char *input = read_file(path, &input_length);
        CHECK(input != NULL, "cannot read %s", path);
        if (!input) continue;
        int status = huiqi_calculate(bundled, examples[index], input, input_length, &json, &length, &error);
        CHECK(status == HUIQI_OK, "%s: %s", examples[index], error ? error : "");
        if (status == HUIQI_OK) {
            char name[512];
            snprintf(name, sizeof name, "%s.json", examples[index]);
            write_file(outdir, name, json, length);
            CHECK(strlen(json) == length, "length");
            huiqi_free(json);
        } else {
            huiqi_free(error);
        }
        free(input);
    }

    /* Parameters laid over: the floor-mode example file. */
    size_t yaml_length = 0;
    char *yaml = read_file("Examples/floor-mode.yaml", &yaml_length);
    huiqi_parameters *floor_mode = NULL;
    CHECK(yaml && huiqi_parameters_overriding(bundled, yaml, yaml_length, &floor_mode, &error) == HUIQI_OK, "overriding");
    CHECK(huiqi_parameters_audit(floor_mode, &json, &length, &error) == HUIQI_OK && strstr(json, "\"overridden\""), "overridden audit");
    huiqi_free(json);
    free(yaml);
    expect_error(huiqi_parameters_overriding(bundled, "nope: [", 7, &floor_mode, &error), HUIQI_ERROR_PARAMETERS, &error,
                 "parameters", "malformed parameters");
    expect_error(huiqi_parameters_overriding(bundled, "interest_subsidy.nope: []", 25, &floor_mode, &error), HUIQI_ERROR_PARAMETERS,
                 &error, "interest_subsidy.nope is not a parameter", "unknown parameter");

    /* Batch, from files and from buffers: the same bytes. */
    char *rows = NULL, *summary = NULL, *report = NULL;
    size_t rows_length = 0, summary_length = 0, report_length = 0;
    int status = huiqi_batch_files(bundled, "interest-subsidy", "Examples/loans.csv", "Examples/repayments.csv", NULL, 0, &rows,
                                   &rows_length, &summary, &summary_length, &report, &report_length, &error);
    CHECK(status == HUIQI_OK, "batch files: %s", error ? error : "");
    if (status == HUIQI_OK) {
        write_file(outdir, "batch-rows.csv", rows, rows_length);
        write_file(outdir, "batch-summary.csv", summary, summary_length);
        CHECK(strstr(report, "\"rows_failed\": 1") && strstr(report, "\"line\": 5"), "report: %s", report);
        size_t loans_length = 0, repayments_length = 0;
        char *loans = read_file("Examples/loans.csv", &loans_length);
        char *repayments = read_file("Examples/repayments.csv", &repayments_length);
        char *rows2 = NULL, *summary2 = NULL;
        size_t rows2_length = 0, summary2_length = 0;
        CHECK(huiqi_batch(bundled, "interest-subsidy", loans, loans_length, repayments, repayments_length, NULL, 0, 0, &rows2,
                          &rows2_length, &summary2, &summary2_length, NULL, NULL, &error) == HUIQI_OK,
              "batch buffers");
        CHECK(rows2_length == rows_length && memcmp(rows, rows2, rows_length) == 0, "batch buffers differ from files");
        CHECK(summary2_length == summary_length && memcmp(summary, summary2, summary_length) == 0, "summaries differ");
        huiqi_free(rows2);
        huiqi_free(summary2);
        /* JSON lines out. */
        CHECK(huiqi_batch(bundled, "interest-subsidy", loans, loans_length, repayments, repayments_length, NULL, 0,
                          HUIQI_BATCH_OUTPUT_JSONL, &rows2, &rows2_length, NULL, NULL, NULL, NULL, &error) == HUIQI_OK,
              "batch jsonl");
        write_file(outdir, "batch-rows.jsonl", rows2, rows2_length);
        huiqi_free(rows2);
        free(loans);
        free(repayments);
    }
    huiqi_free(rows);
    huiqi_free(summary);
    huiqi_free(report);
    expect_error(huiqi_batch(bundled, "interest-subsidy", "", 0, NULL, 0, NULL, 0, 0, &rows, NULL, NULL, NULL, NULL, NULL, &error),
                 HUIQI_ERROR_FILE, &error, "the file is empty", "empty batch");
    expect_error(huiqi_batch_files(bundled, "interest-subsidy", "/nonexistent.csv", NULL, NULL, 0, &rows, NULL, NULL, NULL, NULL, NULL,
                                   &error),
                 HUIQI_ERROR_FILE, &error, "/nonexistent.csv", "missing batch file");

    /* Calculation errors name the field; nothing aborts. */
    const char *bad = "{\"loans\": [{\"enterprise_id\": \"E1\", \"loan_id\": \"L1\", \"principal\": \"-5\", \"annual_rate\": \"3.65%\","
                      " \"drawdown_date\": \"2022-11-01\", \"end_date\": \"2023-11-01\", \"guaranteed_by_fund\": true,"
                      " \"first_inclusive_loan\": true, \"lender_in_shanghai\": true}]}";
    expect_error(huiqi_calculate(bundled, "interest-subsidy", bad, strlen(bad), &json, NULL, &error), HUIQI_ERROR_INPUT, &error,
                 "loans[0].principal: must be greater than 0 (got -5)", "negative principal");
    expect_error(huiqi_calculate(bundled, "interest-subsidy", "{\"loans\": [", 11, &json, NULL, &error), HUIQI_ERROR_INPUT, &error,
                 "JSON", "truncated JSON");
    expect_error(huiqi_calculate(bundled, "nope", "{}", 2, &json, NULL, &error), HUIQI_ERROR_ARGUMENT, &error, "unknown measure",
                 "unknown measure");
    expect_error(huiqi_calculate(NULL, "interest-subsidy", "{}", 2, &json, NULL, &error), HUIQI_ERROR_ARGUMENT, &error, "NULL",
                 "NULL parameters");
    expect_error(huiqi_calculate(bundled, NULL, "{}", 2, &json, NULL, &error), HUIQI_ERROR_ARGUMENT, &error, "NULL", "NULL measure");
    expect_error(huiqi_calculate(bundled, "interest-subsidy", "\xff{}", 3, &json, NULL, &error), HUIQI_ERROR_INPUT, &error, "UTF-8",
                 "invalid UTF-8");
    expect_error(huiqi_parameters_list(bundled, "2023-02-30", &json, NULL, &error), HUIQI_ERROR_ARGUMENT, &error, "at:", "bad date");

    /* Exact decimals. */
    char *out = NULL;
    expect_decimal(huiqi_decimal_parse("3000000.00", &out, &error), &out, &error, "3000000.00", "parse");
    expect_decimal(huiqi_decimal_format("3000000.5", HUIQI_FORMAT_GROUPED, &out, &error), &out, &error, "3,000,000.5", "grouped");
    expect_decimal(huiqi_decimal_format("1E+3", HUIQI_FORMAT_PLAIN, &out, &error), &out, &error, "1000", "plain");
    expect_decimal(huiqi_decimal_format("12345E+3", HUIQI_FORMAT_ENGINEERING, &out, &error), &out, &error, "12.345E+6", "engineering");
    expect_decimal(huiqi_decimal_add("0.1", "0.2", &out, &error), &out, &error, "0.3", "add");
    expect_decimal(huiqi_decimal_subtract("1", "0.01", &out, &error), &out, &error, "0.99", "subtract");
    expect_decimal(huiqi_decimal_multiply("3000000", "0.0365", &out, &error), &out, &error, "109500.0000", "multiply");
    expect_decimal(huiqi_decimal_multiply("99999999999999999999", "99999999999999999999", &out, &error), &out, &error,
                   "9999999999999999999800000000000000000001", "multiply past 64 bits");
    expect_decimal(huiqi_decimal_divide("1095000000", "18000", HUIQI_SCALE, 2, "halfUp", &out, &error), &out, &error, "60833.33",
                   "divide to the fen");
    expect_decimal(huiqi_decimal_divide("2", "3", HUIQI_PRECISION, 5, "half_even", &out, &error), &out, &error, "0.66667",
                   "divide to a precision");
    expect_decimal(huiqi_decimal_divide("-5", "2", HUIQI_SCALE, 0, "halfUp", &out, &error), &out, &error, "-3", "half up away from zero");
    int32_t order = 7;
    CHECK(huiqi_decimal_compare("1.50", "1.5", &order, &error) == HUIQI_OK && order == 0, "compare equal");
    CHECK(huiqi_decimal_compare("-1", "0", &order, &error) == HUIQI_OK && order == -1, "compare less");
    expect_error(huiqi_decimal_divide("1", "0", HUIQI_SCALE, 2, "halfUp", &out, &error), HUIQI_ERROR_DECIMAL, &error, "zero",
                 "division by zero");
    expect_error(huiqi_decimal_parse("1,000", &out, &error), HUIQI_ERROR_DECIMAL, &error, "text", "not a decimal");
    expect_error(huiqi_decimal_divide("1", "3", HUIQI_PRECISION, 0, "halfUp", &out, &error), HUIQI_ERROR_ARGUMENT, &error,
                 "precision", "precision 0");
    expect_error(huiqi_decimal_divide("1", "3", HUIQI_SCALE, 2, "bankers", &out, &error), HUIQI_ERROR_ARGUMENT, &error, "rounding",
                 "unknown rounding");
    expect_error(huiqi_decimal_format("1", 9, &out, &error), HUIQI_ERROR_ARGUMENT, &error, "style", "unknown style");
    expect_error(huiqi_decimal_add(NULL, "1", &out, &error), HUIQI_ERROR_ARGUMENT, &error, "NULL", "NULL decimal");
    expect_error(huiqi_decimal_add("1E+1999999999", "1E-1999999999", &out, &error), HUIQI_ERROR_DECIMAL, &error, "", "too many digits");

    /* Many threads, one table: the same result everywhere. */
    size_t input_length = 0;
    char *input = read_file("Tests/CABI/examples/interest-subsidy.json", &input_length);
    struct job jobs[8];
    pthread_t threads[8];
    for (int index = 0; index < 8; index++) {
        jobs[index] = (struct job){bundled, input, input_length, NULL};
        pthread_create(&threads[index], NULL, calculate_many, &jobs[index]);
    }
    for (int index = 0; index < 8; index++) pthread_join(threads[index], NULL);
    for (int index = 0; index < 8; index++) {
        CHECK(jobs[index].result && jobs[0].result && strcmp(jobs[index].result, jobs[0].result) == 0, "thread %d differs", index);
    }
    for (int index = 0; index < 8; index++) huiqi_free(jobs[index].result);  /* after the comparisons: thread 0's is compared with every other */
    free(input);

    huiqi_parameters_free(floor_mode);
    huiqi_parameters_free(bundled);
    huiqi_parameters_free(NULL);
    huiqi_free(NULL);
    printf("C caller: %s\n", failures == 0 ? "every function called, all checks passed" : "FAILED");
    return failures == 0 ? 0 : 1;
}
