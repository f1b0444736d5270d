/* The interest-subsidy arithmetic of Huiqi's batch on int64 fixed point, for comparison.
 *
 * Reads the loans CSV of Scripts/generate_loans.py (columns enterprise_id, loan_id, principal,
 * annual_rate, drawdown_date, end_date, guaranteed_by_fund, first_inclusive_loan,
 * lender_in_shanghai; principals with at most 2 decimals, rates with at most 6 as a fraction),
 * and writes "line,subsidy_computed" for each loan, where, as in docs/POLICY.md §3 with the
 * bundled parameters: eligible = the three flags and a drawdown in 2022-10-01..2022-12-31;
 * days = min(end, drawdown + 365) - drawdown; r = min(2%, rate);
 * subsidy = round_half_up(principal * days * r / 360, 2).
 *
 * Prints to stderr the time of the kernel alone (over the loans held in memory) and in total.
 * Build: cc -O2 -o subsidy subsidy.c      Run: ./subsidy loans.csv out.csv
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    int64_t principal_fen; /* principal x 100 */
    int64_t rate;          /* annual rate x 10^6 */
    int32_t drawdown, end; /* days since 1970-01-01 */
    int32_t eligible_flags;
} loan_t;

static int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int32_t parse_date(const char *s) {
    return (int32_t)days_from_civil(atoi(s), (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'));
}

/* digits with an optional point, scaled to `places` decimals */
static int64_t parse_fixed(const char *s, const char *end, int places) {
    int64_t value = 0;
    int decimals = -1;
    for (; s < end; s++) {
        if (*s == '.') { decimals = 0; continue; }
        value = value * 10 + (*s - '0');
        if (decimals >= 0) decimals++;
    }
    if (decimals < 0) decimals = 0;
    for (; decimals < places; decimals++) value *= 10;
    return value;
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: subsidy loans.csv out.csv\n"); return 2; }
    double start = seconds();
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 2; }
    size_t capacity = 1 << 20, count = 0;
    loan_t *loans = malloc(capacity * sizeof(loan_t));
    char line[1024];
    if (!fgets(line, sizeof line, in)) return 2; /* header */
    while (fgets(line, sizeof line, in)) {
        char *field[9];
        char *p = line;
        for (int i = 0; i < 9; i++) { field[i] = p; p = strchr(p, ','); if (!p) p = line + strlen(line); else *p++ = 0; }
        if (count == capacity) { capacity *= 2; loans = realloc(loans, capacity * sizeof(loan_t)); }
        loan_t *loan = &loans[count++];
        loan->principal_fen = parse_fixed(field[2], field[2] + strlen(field[2]), 2);
        size_t rate_length = strlen(field[3]);
        int percent = field[3][rate_length - 1] == '%';
        loan->rate = parse_fixed(field[3], field[3] + rate_length - percent, percent ? 4 : 6);
        loan->drawdown = parse_date(field[4]);
        loan->end = parse_date(field[5]);
        loan->eligible_flags = field[6][0] == 't' && field[7][0] == 't' && field[8][0] == 't';
    }
    fclose(in);

    const int32_t window_start = (int32_t)days_from_civil(2022, 10, 1), window_end = (int32_t)days_from_civil(2022, 12, 31);
    int64_t *subsidy = malloc(count * sizeof(int64_t));
    double kernel_start = seconds();
    for (size_t i = 0; i < count; i++) {
        const loan_t *loan = &loans[i];
        int64_t result = 0;
        if (loan->eligible_flags && loan->drawdown >= window_start && loan->drawdown <= window_end) {
            int32_t limit = loan->drawdown + 365;
            int64_t days = (loan->end < limit ? loan->end : limit) - loan->drawdown;
            int64_t rate = loan->rate < 20000 ? loan->rate : 20000;
            /* fen = round_half_up(principal_fen * days * rate / (360 * 10^6)) */
            int64_t numerator = loan->principal_fen * days * rate, denominator = 360LL * 1000000LL;
            result = numerator / denominator + (2 * (numerator % denominator) >= denominator);
        }
        subsidy[i] = result;
    }
    double kernel_end = seconds();

    FILE *out = fopen(argv[2], "w");
    for (size_t i = 0; i < count; i++) fprintf(out, "%zu,%lld.%02lld\n", i + 2, (long long)(subsidy[i] / 100), (long long)(subsidy[i] % 100));
    fclose(out);
    fprintf(stderr, "kernel %.6f s, total %.6f s, %zu loans\n", kernel_end - kernel_start, seconds() - start, count);
    return 0;
}
