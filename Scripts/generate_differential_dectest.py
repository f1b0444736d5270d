#!/usr/bin/env python3
"""Generate a differential General Decimal Arithmetic test file with Python's `decimal`.

    python3 Scripts/generate_differential_dectest.py [--seed N] [OUTPUT]

writes (by default) Tests/DecimalModuleTests/Resources/differential.decTest: about 6,000
cases of add, subtract, multiply, divide, divideint, remainder, quantize, compare, abs,
minus, plus, reduce and tosci, whose expected results and conditions are exactly what
Python's `decimal` (libmpdec, an implementation of the same specification) produces.

The operands stress what an exact decimal with an inline Int64 / GMP coefficient is likely to
get wrong: coefficients around 2^63 (Int64.max, Int64.min and their neighbours), 18-20 and 40
digit coefficients, many trailing zeros, all-nines values whose rounding carries, exact
halfway cases (...5) under all eight rounding modes, values that differ by a tiny amount
from a halfway case, far-apart exponents, signed zeros, precisions 1-50, 100 and 500,
exact and inexact divisions, Division_impossible boundaries and money computations
(principal x rate x days / 360, quantized to 1E-2).

Exponents are kept so that no result overflows or underflows the context
(Emax 999999999, Emin -999999999); a case for which Python signals Overflow, Underflow,
Subnormal or Clamped is dropped. Only the standard library is used and the random
generator has a fixed seed, so the output is the same on every run. (`--seed N` draws a
different corpus, for exploring; the checked-in file uses the default seed.)
"""

import decimal
import os
import random
import sys
from decimal import Decimal

SEED = 20241121
EMAX = 999_999_999
EMIN = -999_999_999
# Operands keep their adjusted exponents within this bound.
ADJ_LIMIT = 999_999

ROUNDINGS = [
    ("ceiling", decimal.ROUND_CEILING),
    ("down", decimal.ROUND_DOWN),
    ("floor", decimal.ROUND_FLOOR),
    ("half_down", decimal.ROUND_HALF_DOWN),
    ("half_even", decimal.ROUND_HALF_EVEN),
    ("half_up", decimal.ROUND_HALF_UP),
    ("up", decimal.ROUND_UP),
    ("05up", decimal.ROUND_05UP),
]
ROUNDING_BY_NAME = dict(ROUNDINGS)

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)

# Coefficient magnitudes at the edges of the inline (Int64) representation and of the
# powers of ten that fit in it.
BOUNDARY = [
    1, 9, 10, 99, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 3037000499, 3037000500,
    10**18 - 1, 10**18, 10**18 + 1, 2**62, 2**62 + 1,
    922337203685477580, 922337203685477581, 922337203685477579,
    INT64_MAX - 1, INT64_MAX, INT64_MAX + 1, INT64_MAX + 2, INT64_MAX + 3,
    10**19 - 1, 10**19, 10**19 + 1, 2**64 - 1, 2**64, 2**64 + 1,
    10**20 - 1, 10**20, 92233720368547758070, 92233720368547758080, 92233720368547758075,
    9223372036854775807000000000, 9223372036854775808000000000,
    2**126, 2**127 - 1, 2**128, 10**38, 10**40 - 1,
]

# Operations: the .decTest name, the Context method and its arity.
OPS = {
    "add": ("add", 2),
    "subtract": ("subtract", 2),
    "multiply": ("multiply", 2),
    "divide": ("divide", 2),
    "divideint": ("divide_int", 2),
    "remainder": ("remainder", 2),
    "quantize": ("quantize", 2),
    "compare": ("compare", 2),
    "abs": ("abs", 1),
    "minus": ("minus", 1),
    "plus": ("plus", 1),
    "reduce": ("normalize", 1),
    "tosci": (None, 1),
}

# Conditions a case must not raise: the type under test has no exponent limits.
DROPPED = (decimal.Overflow, decimal.Underflow, decimal.Subnormal, decimal.Clamped)

# The specific GDA condition behind Python's InvalidOperation signal.
INVALID_CONDITION = {
    decimal.DivisionImpossible: "Division_impossible",
    decimal.DivisionUndefined: "Division_undefined",
    decimal.ConversionSyntax: "Conversion_syntax",
    decimal.InvalidContext: "Invalid_context",
    decimal.InvalidOperation: "Invalid_operation",
}


def make_context(precision, rounding):
    return decimal.Context(
        prec=precision, rounding=rounding, Emax=EMAX, Emin=EMIN,
        capitals=1, clamp=0, flags=[], traps=[])


class Writer:
    def __init__(self):
        self.lines = []
        self.count = 0
        self.dropped = 0
        self.precision = None
        self.rounding = None
        self.context = None
        self.seen = set()

    def comment(self, text):
        self.lines.append("")
        self.lines.append("-- " + text)

    def set_context(self, precision, rounding_name):
        if precision != self.precision:
            self.lines.append("precision:   %d" % precision)
            self.precision = precision
        if rounding_name != self.rounding:
            self.lines.append("rounding:    %s" % rounding_name)
            self.rounding = rounding_name
        self.context = make_context(precision, ROUNDING_BY_NAME[rounding_name])

    def evaluate(self, op, operands):
        """Python's result string and condition names, or None if the case is out of scope."""
        method, arity = OPS[op]
        assert len(operands) == arity
        context = self.context
        context.clear_flags()
        if op == "tosci":
            call = lambda: context.create_decimal(operands[0])
        else:
            values = [Decimal(text) for text in operands]
            call = lambda: getattr(context, method)(*values)
        result = call()
        flags = {signal for signal, raised in context.flags.items() if raised}
        if any(signal in flags for signal in DROPPED):
            return None
        conditions = []
        if decimal.InvalidOperation in flags:
            # Python reports Division_impossible and friends as InvalidOperation; with the trap
            # on, the exception lists the specific condition.
            trapping = context.copy()
            trapping.traps[decimal.InvalidOperation] = True
            trapping.clear_flags()
            values = None if op == "tosci" else [Decimal(text) for text in operands]
            try:
                if op == "tosci":
                    trapping.create_decimal(operands[0])
                else:
                    getattr(trapping, method)(*values)
                raise AssertionError("InvalidOperation did not trap")
            except decimal.InvalidOperation as error:
                raised = error.args[0] if error.args and isinstance(error.args[0], list) else [type(error)]
                names = sorted({INVALID_CONDITION[cls] for cls in raised})
                conditions.extend(names)
        if decimal.DivisionByZero in flags:
            conditions.append("Division_by_zero")
        if decimal.Inexact in flags:
            conditions.append("Inexact")
        if decimal.Rounded in flags:
            conditions.append("Rounded")
        return str(result), conditions

    def case(self, op, *operands):
        operands = [str(o) for o in operands]
        key = (self.precision, self.rounding, op, tuple(operands))
        if key in self.seen:
            return False
        outcome = self.evaluate(op, operands)
        if outcome is None:
            self.dropped += 1
            return False
        self.seen.add(key)
        result, conditions = outcome
        self.count += 1
        line = "difx%04d %s %s -> %s" % (self.count, op, " ".join(operands), result)
        if conditions:
            line += " " + " ".join(conditions)
        self.lines.append(line)
        return True


class Generator:
    def __init__(self, writer, seed=SEED):
        self.w = writer
        self.rng = random.Random(seed)

    # ----- building blocks -----------------------------------------------------------------

    def digits(self, n, last=None):
        """A random coefficient of exactly n digits (leading digit non-zero)."""
        r = self.rng
        if n <= 0:
            return 0
        if n == 1:
            value = r.randint(1, 9)
        else:
            value = r.randint(10 ** (n - 1), 10**n - 1)
        if last is not None:
            value = value - value % 10 + last
            if value < 10 ** (n - 1):
                value += 10 ** (n - 1)
        return value

    def coefficient(self, kind=None):
        r = self.rng
        kinds = ["boundary", "small", "int64ish", "d40", "mid", "trailing", "nines", "pow10", "zero"]
        weights = [22, 18, 16, 10, 8, 10, 6, 5, 5]
        if kind is None:
            kind = r.choices(kinds, weights)[0]
        if kind == "boundary":
            return r.choice(BOUNDARY) + r.choice([0, 0, 0, -1, 1])
        if kind == "small":
            return r.randint(0, 10 ** r.randint(1, 18))
        if kind == "int64ish":
            if r.random() < 0.5:
                return 2**63 + r.randint(-3000, 3000)
            return self.digits(r.randint(18, 20))
        if kind == "d40":
            return self.digits(40)
        if kind == "mid":
            return self.digits(r.randint(21, 39))
        if kind == "trailing":
            return r.randint(1, 99999) * 10 ** r.randint(1, 35)
        if kind == "nines":
            return 10 ** r.randint(1, 45) - 1
        if kind == "pow10":
            return 10 ** r.randint(0, 45)
        return 0

    def exponent(self, ndigits, kind=None):
        r = self.rng
        kinds = ["zero", "tiny", "small", "far", "edge"]
        weights = [30, 30, 25, 10, 5]
        if kind is None:
            kind = r.choices(kinds, weights)[0]
        if kind == "zero":
            e = 0
        elif kind == "tiny":
            e = r.randint(-6, 6)
        elif kind == "small":
            e = r.randint(-40, 40)
        elif kind == "far":
            e = r.choice([-1, 1]) * r.randint(1000, 900000)
        else:
            e = r.choice([ADJ_LIMIT - ndigits + 1, -ADJ_LIMIT, ADJ_LIMIT - ndigits - 5, -ADJ_LIMIT + 10])
        return self.clamp_exponent(e, ndigits)

    @staticmethod
    def clamp_exponent(e, ndigits):
        e = min(e, ADJ_LIMIT - ndigits + 1)
        return max(e, -ADJ_LIMIT)

    @staticmethod
    def num(coefficient, exponent=0, negative=None):
        """The scientific string of sign, |coefficient| and exponent (-0 allowed)."""
        if negative is None:
            negative = coefficient < 0
        coefficient = abs(coefficient)
        nd = len(str(coefficient))
        exponent = Generator.clamp_exponent(exponent, nd)
        return str(Decimal((1 if negative else 0, tuple(int(d) for d in str(coefficient)), exponent)))

    def value(self, ckind=None, ekind=None):
        r = self.rng
        c = self.coefficient(ckind)
        e = self.exponent(len(str(c)), ekind)
        return self.num(c, e, r.random() < 0.4)

    def sign(self):
        return self.rng.random() < 0.5

    def tie(self, p, tail=None):
        """A coefficient with p kept digits and a discarded part of exactly one half
        (tail '5', '50', '500'...), or just below/above it when tail says so."""
        r = self.rng
        kept = self.digits(p)
        zeros = r.choice([0, 0, 0, 1, 2, 7])
        if tail is None:
            tail = r.choice(["half", "half", "half", "below", "above"])
        if tail == "half":
            discarded = "5" + "0" * zeros
        elif tail == "below":
            discarded = "4" + "9" * (zeros + 1)
        else:
            discarded = "5" + "0" * zeros + "1"
        return int(str(kept) + discarded)

    # ----- per-operation generators ---------------------------------------------------------

    def add_operands(self, p):
        r = self.rng
        kind = r.choice(["random", "random", "boundary", "tie", "tie_tiny", "cancel", "zero", "carry", "aligned"])
        if kind == "random":
            return self.value(), self.value()
        if kind == "boundary":
            a = r.choice(BOUNDARY) + r.choice([0, -1, 1])
            b = r.choice([1, -1, 2, 10, 9, 5, r.choice(BOUNDARY), -r.choice(BOUNDARY)])
            e = r.choice([0, 0, -2, 3, r.randint(-20, 20)])
            eb = e + r.choice([0, 0, -1, 1, -19, 19, 18, -18, r.randint(-40, 40)])
            return self.num(a, e, self.sign()), self.num(b, eb)
        if kind == "tie":
            # p kept digits and an added 5 one place below: an exact halfway sum.
            a = self.digits(p)
            e = r.randint(-10, 10)
            b = 5 * 10 ** r.randint(0, 3)
            eb = e - 1 - len(str(b)) + 1
            return self.num(a, e, self.sign()), self.num(b, eb, self.sign())
        if kind == "tie_tiny":
            # A halfway coefficient plus or minus something far below every visible digit.
            t = self.tie(p, "half")
            e = r.randint(-10, 10)
            tiny_e = e - r.choice([p + 5, 50, 600, 100000, 999000])
            return self.num(t, e, self.sign()), self.num(r.choice([1, 9, 5, 123456789]), tiny_e, self.sign())
        if kind == "cancel":
            a = self.coefficient(r.choice(["boundary", "int64ish", "d40", "small"]))
            e = self.exponent(len(str(a)), r.choice(["zero", "tiny", "small"]))
            neg = self.sign()
            delta = r.choice([0, 0, 1, -1, 5, 10 ** r.randint(0, 25)])
            return self.num(a, e, neg), self.num(a + delta, e + r.choice([0, 0, -1, -3]), not neg)
        if kind == "zero":
            z = self.num(0, r.randint(-30, 30), self.sign())
            other = r.choice([self.num(0, r.randint(-30, 30), self.sign()), self.value(), self.value()])
            return (z, other) if r.random() < 0.5 else (other, z)
        if kind == "carry":
            n = r.randint(p, p + 3)
            a = 10**n - 1
            e = r.randint(-10, 10)
            b = r.choice([1, 5, 4, 6, 9])
            eb = e + r.choice([0, -1, -(n - p), -(n - p) - 1, n - p - 1])
            return self.num(a, e, self.sign()), self.num(b, eb)
        # aligned: same exponent, Int64-sized coefficients near the top
        e = r.randint(-20, 20)
        return (self.num(2**62 + r.randint(-10, 10) * 10**r.randint(0, 10), e, self.sign()),
                self.num(2**62 + r.randint(-10, 10), e, self.sign()))

    def multiply_operands(self, p):
        r = self.rng
        kind = r.choice(["random", "random", "boundary", "boundary", "big", "tie", "zero"])
        if kind == "random":
            return self.value(), self.value()
        if kind == "boundary":
            pairs = [
                (3037000499, 3037000499), (3037000500, 3037000500), (3037000499, 3037000500),
                (2**32, 2**31), (2**31, 2**32 - 1), (2**62, 2), (2**62, 1), (INT64_MAX, 1),
                (INT64_MAX, 10), (922337203685477580, 10), (922337203685477581, 10), (10**9, 10**9),
                (10**9, 10**10), (10**18, 10), (10**18, 9), (2**63, 1), (2**63, 2**63),
                (INT64_MAX, INT64_MAX), (10**19, 10**19), (2**64 - 1, 2**64 + 1), (5, 2**62),
                (3, 3074457345618258602), (3, 3074457345618258603), (7, 1317624576693539401),
                (10**20 - 1, 10**20 - 1), (10**40 - 1, 10**40 - 1),
            ]
            a, b = r.choice(pairs)
            if r.random() < 0.5:
                a, b = b, a
            na, nb = self.sign(), self.sign()
            if r.random() < 0.3:
                # product exactly Int64.min or its negation
                a, b, na, nb = r.choice([(2**32, 2**31), (2**62, 2), (2**63, 1), (2**31, 2**32)]) + (True, False)
            return (self.num(a, r.choice([0, 0, -3, 5, r.randint(-30, 30)]), na),
                    self.num(b, r.choice([0, 0, 2, -7, r.randint(-30, 30)]), nb))
        if kind == "big":
            return (self.num(self.digits(r.choice([19, 20, 40])), r.randint(-30, 30), self.sign()),
                    self.num(self.digits(r.choice([1, 19, 20, 40])), r.randint(-30, 30), self.sign()))
        if kind == "tie":
            # m x 5 where m is odd with p digits: p+1 digits ending in 5 when m >= 2 x 10^(p-1).
            m = self.digits(p, r.choice([1, 3, 7, 9]))
            if m < 2 * 10 ** (p - 1):
                m += 2 * 10 ** (p - 1)
            if len(str(m)) > p:
                m = 10**p - r.choice([1, 3, 7])
            b = r.choice([5, 5, 25 if m % 2 else 5, 125])
            return self.num(m, r.randint(-10, 10), self.sign()), self.num(b, r.randint(-5, 5), self.sign())
        z = self.num(0, r.randint(-20, 20), self.sign())
        other = r.choice([self.value(), self.num(0, r.randint(-20, 20), self.sign())])
        return (z, other) if r.random() < 0.5 else (other, z)

    def divide_operands(self, p):
        r = self.rng
        kind = r.choice(["random", "exact", "exact", "tie", "near_tie", "boundary", "repeating", "zero", "big"])
        if kind == "random":
            return self.value(), self.value(ckind=r.choice(["boundary", "small", "int64ish", "d40", "trailing"]))
        if kind == "exact":
            q = self.digits(r.randint(1, max(1, p)))
            if r.random() < 0.3:
                q *= 10 ** r.randint(1, 8)  # trailing zeros: the ideal exponent decides
            b = r.choice([self.digits(r.randint(1, 20)), r.choice(BOUNDARY), 2**r.randint(1, 70), 5**r.randint(1, 30)])
            eq, eb = r.randint(-20, 20), r.randint(-20, 20)
            return self.num(q * b, eq + eb, self.sign()), self.num(b, eb, self.sign())
        if kind in ("tie", "near_tie"):
            t = self.tie(p, "half" if kind == "tie" else None)
            b = r.choice([3, 7, 11, 13, 2**r.randint(1, 64), self.digits(r.randint(2, 20)), INT64_MAX])
            a = t * b + (0 if kind == "tie" else r.choice([-1, 1]))
            eb = r.randint(-15, 15)
            return self.num(a, eb + r.randint(-15, 15), self.sign()), self.num(b, eb, self.sign())
        if kind == "boundary":
            a = r.choice(BOUNDARY) + r.choice([0, -1, 1])
            b = r.choice([1, 2, 3, 7, 9, 10, 1000, 2**32, 3037000499, r.choice(BOUNDARY)])
            return self.num(a, r.randint(-5, 5), self.sign()), self.num(b, r.randint(-5, 5), self.sign())
        if kind == "repeating":
            a = r.choice([1, 2, 10, 22, 100, 355, 9223372036854775807])
            b = r.choice([3, 6, 7, 9, 11, 13, 17, 97, 113, 360, 365, 9999])
            return self.num(a, r.randint(-4, 4), self.sign()), self.num(b, r.randint(-4, 4), self.sign())
        if kind == "zero":
            z = self.num(0, r.randint(-30, 30), self.sign())
            choice = r.random()
            if choice < 0.4:
                return z, self.value()
            if choice < 0.8:
                return self.value(), z
            return z, self.num(0, r.randint(-30, 30), self.sign())
        return (self.num(self.digits(40), r.randint(-30, 30), self.sign()),
                self.num(self.digits(r.choice([19, 20, 21, 40])), r.randint(-30, 30), self.sign()))

    def divint_operands(self, p):
        """Dividend / divisor whose integer quotient has about p digits (the
        Division_impossible boundary), plus zero and sign cases."""
        r = self.rng
        kind = r.choice(["boundary_digits", "boundary_digits", "boundary_digits", "random", "zero", "fraction", "int64"])
        if kind == "boundary_digits":
            nq = max(1, p + r.choice([-1, 0, 0, 1]))
            q = r.choice([self.digits(nq), 10**nq - 1, 10 ** (nq - 1)])
            b = r.choice([self.digits(r.randint(1, 20)), r.choice(BOUNDARY), 7, 3])
            rem = r.randint(0, b - 1) if r.random() < 0.8 else 0
            eb = r.randint(-10, 10)
            return self.num(q * b + rem, eb, self.sign()), self.num(b, eb, self.sign())
        if kind == "random":
            return self.value(ekind=r.choice(["zero", "tiny"])), self.value(ekind=r.choice(["zero", "tiny"]))
        if kind == "zero":
            z = self.num(0, r.randint(-10, 10), self.sign())
            choice = r.random()
            if choice < 0.4:
                return z, self.value(ekind="tiny")
            if choice < 0.8:
                return self.value(ekind="tiny"), z
            return z, self.num(0, r.randint(-10, 10), self.sign())
        if kind == "fraction":
            a = self.digits(r.randint(1, p + 2))
            b = self.digits(r.randint(1, 6))
            return self.num(a, r.randint(-8, 3), self.sign()), self.num(b, r.randint(-8, 3), self.sign())
        a = r.choice([INT64_MAX, INT64_MAX + 1, INT64_MAX - 1, 2**64, 10**19, 10**18])
        b = r.choice([1, 2, 3, 7, 10, 2**32, 3037000499, 10**9, INT64_MAX, INT64_MAX + 1])
        return self.num(a, r.choice([0, 0, -1, 1]), self.sign()), self.num(b, r.choice([0, 0, -1]), self.sign())

    def quantize_operands(self, p):
        r = self.rng
        kind = r.choice(["random", "tie", "tie", "invalid", "zero", "carry", "boundary", "tonearzero"])

        def pattern(e):
            coefficient = r.choice([1, 1, 1, 5, 0, 123, 10])
            nd = len(str(coefficient))
            return self.num(coefficient, e, r.random() < 0.2) if -ADJ_LIMIT <= e <= ADJ_LIMIT - nd + 1 else self.num(1, e)

        if kind == "random":
            v = self.value(ekind=r.choice(["zero", "tiny", "small"]))
            e = Decimal(v).as_tuple().exponent + r.randint(-12, 12)
            return v, pattern(e)
        if kind == "tie":
            kept = r.randint(1, p)
            t = self.tie(kept)
            discarded = len(str(t)) - kept
            e = r.randint(-20, 20)
            return self.num(t, e, self.sign()), pattern(e + discarded)
        if kind == "invalid":
            c = self.digits(r.randint(1, p + 5))
            e = r.randint(-10, 10)
            target = e + len(str(c)) - 1 - p + r.choice([0, 0, -1, 1, -2])
            return self.num(c, e, self.sign()), pattern(target)
        if kind == "zero":
            if r.random() < 0.5:
                return self.num(0, r.randint(-30, 30), self.sign()), pattern(r.randint(-30, 30))
            # rounds to zero: the sign stays
            c = self.digits(r.randint(1, 5))
            e = r.randint(-20, 0)
            return self.num(c, e, self.sign()), pattern(e + len(str(c)) + r.randint(0, 3))
        if kind == "carry":
            n = r.randint(1, p + 1)
            e = r.randint(-10, 5)
            return self.num(10**n - 1, e, self.sign()), pattern(e + r.randint(1, n))
        if kind == "boundary":
            c = r.choice(BOUNDARY) + r.choice([0, -1, 1])
            e = r.randint(-5, 5)
            return self.num(c, e, self.sign()), pattern(e + r.choice([-2, -1, 0, 1, 2, 18, 19, -19]))
        # money-like: a few decimals to 1E-2 / 1E-4 / 1E+0
        c = self.digits(r.randint(3, min(max(p, 3), 25)))
        e = -r.randint(3, 10)
        return self.num(c, e, self.sign()), r.choice(["1E-2", "0.01", "1E-4", "1", "1E+2", "0E-2"])

    def compare_operands(self, p):
        r = self.rng
        kind = r.choice(["equal", "near", "random", "zero", "boundary"])
        if kind == "equal":
            c = self.coefficient(r.choice(["boundary", "small", "int64ish", "d40"]))
            e = r.randint(-20, 20)
            k = r.randint(0, 21)
            neg = self.sign()
            return self.num(c, e, neg), self.num(c * 10**k, e - k, neg)
        if kind == "near":
            c = self.coefficient(r.choice(["boundary", "int64ish", "d40"]))
            e = r.randint(-20, 20)
            k = r.randint(0, 3)
            neg = self.sign()
            return self.num(c, e, neg), self.num(c * 10**k + r.choice([-1, 1]), e - k, neg)
        if kind == "random":
            return self.value(), self.value()
        if kind == "zero":
            return (self.num(0, r.randint(-50, 50), self.sign()),
                    r.choice([self.num(0, r.randint(-50, 50), self.sign()), self.value()]))
        a = r.choice(BOUNDARY)
        b = a + r.choice([-1, 0, 1])
        return self.num(a, 0, self.sign()), self.num(b, 0, self.sign())

    def unary_operand(self, p):
        r = self.rng
        kind = r.choice(["random", "random", "tie", "tie", "carry", "zero", "boundary", "trailing"])
        if kind == "random":
            return self.value()
        if kind == "tie":
            return self.num(self.tie(p), r.randint(-30, 30), self.sign())
        if kind == "carry":
            return self.num(10 ** r.randint(p + 1, p + 5) - 1, r.randint(-20, 20), self.sign())
        if kind == "zero":
            return self.num(0, r.randint(-40, 40), self.sign())
        if kind == "boundary":
            return self.num(r.choice(BOUNDARY) + r.choice([0, -1, 1]), r.randint(-25, 25), self.sign())
        return self.num(r.randint(1, 999) * 10 ** r.randint(1, 40), r.randint(-45, 10), self.sign())

    def tosci_operand(self, p):
        r = self.rng
        if r.random() < 0.6:
            return self.unary_operand(p)
        # other spellings of the same kinds of values
        c = self.coefficient(r.choice(["boundary", "small", "int64ish", "trailing", "zero"]))
        s = str(c)
        style = r.choice(["point", "lead", "expo", "trailpoint", "leadpoint"])
        sign = r.choice(["", "", "-", "+"])
        if style == "point":
            k = r.randint(0, len(s))
            body = (s[:k] or "0") + "." + s[k:] if k < len(s) else s
        elif style == "lead":
            body = "0" * r.randint(1, 25) + s
        elif style == "expo":
            body = s + r.choice(["E", "e"]) + r.choice(["", "+", "-"]) + str(r.randint(0, 60))
        elif style == "trailpoint":
            body = s + "."
        else:
            body = "." + s
        return sign + body

    # ----- sections ---------------------------------------------------------------------------

    def mixed_blocks(self):
        w, r = self.w, self.rng
        w.comment("Mixed operations at every precision 1-50, rotating through the rounding modes")
        recipe = [
            ("add", 2), ("subtract", 1), ("multiply", 2), ("divide", 2), ("divideint", 1),
            ("remainder", 1), ("quantize", 2), ("compare", 1), ("abs", 1), ("minus", 1), ("plus", 1),
            ("reduce", 1), ("tosci", 1),
        ]
        block = 0
        for p in range(1, 51):
            for _ in range(2):
                name = ROUNDINGS[block % 8][0]
                block += 1
                w.set_context(p, name)
                for op, n in recipe:
                    for _ in range(n):
                        self.one(op, p)

    def one(self, op, p):
        w = self.w
        if op in ("add", "subtract"):
            w.case(op, *self.add_operands(p))
        elif op == "multiply":
            w.case(op, *self.multiply_operands(p))
        elif op == "divide":
            w.case(op, *self.divide_operands(p))
        elif op in ("divideint", "remainder"):
            w.case(op, *self.divint_operands(p))
        elif op == "quantize":
            w.case(op, *self.quantize_operands(p))
        elif op == "compare":
            w.case(op, *self.compare_operands(p))
        elif op == "tosci":
            w.case(op, self.tosci_operand(p))
        else:
            w.case(op, self.unary_operand(p))

    def boundary_section(self):
        """The same Int64-boundary operands under every rounding mode at precisions around
        the inline limit (18, 19, 20 digits) and elsewhere."""
        w = self.w
        w.comment("Int64 boundary: the same operands under all eight rounding modes")
        values = [
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775807",
            "-9223372036854775809", "9223372036854775806", "922337203685477580.7", "92233720368547758.08",
            "-92233720368547758.08", "9223372036854775807E+5", "-9223372036854775808E-25",
            "18446744073709551615", "18446744073709551616", "9999999999999999999", "10000000000000000000",
            "99999999999999999999", "999999999999999999", "1000000000000000000", "1000000000000000001",
            "4611686018427387904", "-4611686018427387904", "3037000499", "3037000500",
            "9223372036854775805", "9223372036854775815", "9223372036854775850", "92233720368547758075",
            "-92233720368547758085", "1.000000000000000000005", "0.9999999999999999999950",
        ]
        ops_binary = [
            ("add", "9223372036854775807", "1"), ("add", "9223372036854775807", "-1"),
            ("add", "-9223372036854775808", "-1"), ("add", "-9223372036854775808", "1"),
            ("add", "-9223372036854775807", "-1"), ("add", "9223372036854775807", "0.5"),
            ("add", "9223372036854775807", "9223372036854775807"), ("add", "-9223372036854775808", "-9223372036854775808"),
            ("add", "922337203685477580.8", "0.1"), ("add", "922337203685477581", "0.7"),
            ("add", "9223372036854775807", "1E-30"), ("add", "9223372036854775807", "-1E-30"),
            ("add", "9223372036854775807", "0E-10"), ("add", "-0", "-9223372036854775808"),
            ("add", "4611686018427387904", "4611686018427387904"), ("add", "4611686018427387904", "4611686018427387903"),
            ("add", "18446744073709551616", "-9223372036854775808"), ("add", "18446744073709551616", "-18446744073709551615"),
            ("add", "99999999999999999999", "1"), ("add", "99999999999999999999", "0.5"),
            ("add", "9999999999999999999", "0.5"), ("add", "999999999999999999", "0.5"),
            ("add", "1E+18", "-0.5"), ("add", "1E+19", "-0.5"), ("add", "1E+20", "-0.5"),
            ("add", "1E+19", "-1E-19"), ("add", "9223372036854775808", "-9223372036854775808"),
            ("subtract", "-9223372036854775808", "1"), ("subtract", "0", "-9223372036854775808"),
            ("subtract", "9223372036854775808", "1"), ("subtract", "9223372036854775807", "9223372036854775808"),
            ("subtract", "-9223372036854775808", "-9223372036854775808"), ("subtract", "1", "1.00000000000000000000000001"),
            ("subtract", "10000000000000000000", "0.00000000000000000001"), ("subtract", "1E+19", "5"),
            ("multiply", "3037000499", "3037000499"), ("multiply", "3037000500", "3037000500"),
            ("multiply", "-4294967296", "2147483648"), ("multiply", "4294967296", "2147483648"),
            ("multiply", "-1", "-9223372036854775808"), ("multiply", "-9223372036854775808", "1"),
            ("multiply", "9223372036854775807", "-1"), ("multiply", "9223372036854775807", "10"),
            ("multiply", "922337203685477580.7", "10"), ("multiply", "9223372036854775807", "9223372036854775807"),
            ("multiply", "-9223372036854775808", "-9223372036854775808"), ("multiply", "9223372036854775807", "0.5"),
            ("multiply", "4611686018427387904", "-2"), ("multiply", "-4611686018427387904", "2"),
            ("multiply", "9223372036854775808", "0.1"), ("multiply", "9223372036854775807", "1.1"),
            ("multiply", "-0", "9223372036854775808"), ("multiply", "18446744073709551615", "18446744073709551617"),
            ("divide", "9223372036854775807", "1"), ("divide", "-9223372036854775808", "-1"),
            ("divide", "-9223372036854775808", "1"), ("divide", "-9223372036854775808", "2"),
            ("divide", "9223372036854775807", "2"), ("divide", "9223372036854775807", "3"),
            ("divide", "9223372036854775807", "7"), ("divide", "9223372036854775807", "9223372036854775807"),
            ("divide", "9223372036854775808", "9223372036854775807"), ("divide", "1", "9223372036854775807"),
            ("divide", "18446744073709551616", "2"), ("divide", "18446744073709551615", "3"),
            ("divide", "85070591730234615847396907784232501249", "9223372036854775807"),
            ("divide", "85070591730234615856620279821087277056", "-9223372036854775808"),
            ("divide", "99999999999999999999", "9"), ("divide", "1E+19", "8"), ("divide", "1E+20", "16"),
            ("divide", "9223372036854775807", "0.5"), ("divide", "9223372036854775807", "0.2"),
            ("divideint", "9223372036854775807", "1"), ("divideint", "-9223372036854775808", "-1"),
            ("divideint", "9223372036854775807", "2"), ("divideint", "18446744073709551616", "2"),
            ("divideint", "18446744073709551616", "3"), ("divideint", "-9223372036854775808", "7"),
            ("divideint", "99999999999999999999", "10"), ("divideint", "1E+19", "0.5"),
            ("divideint", "9223372036854775807", "0.1"), ("divideint", "9223372036854775807", "1E-1"),
            ("remainder", "9223372036854775807", "2"), ("remainder", "-9223372036854775808", "-1"),
            ("remainder", "-9223372036854775808", "7"), ("remainder", "18446744073709551616", "9223372036854775807"),
            ("remainder", "18446744073709551617", "-9223372036854775808"), ("remainder", "99999999999999999999", "9223372036854775807"),
            ("remainder", "9223372036854775807.5", "1"), ("remainder", "9223372036854775807", "0.3"),
            ("remainder", "1E+19", "3"), ("remainder", "-1E+20", "7"), ("remainder", "12345678901234567890.123", "1E-3"),
            ("quantize", "9223372036854775807", "1E-1"), ("quantize", "9223372036854775807", "1E+1"),
            ("quantize", "9223372036854775807", "1E+18"), ("quantize", "9223372036854775807", "1E+19"),
            ("quantize", "-9223372036854775808", "1E+1"), ("quantize", "-9223372036854775808", "1E-2"),
            ("quantize", "922337203685477580.75", "0.1"), ("quantize", "922337203685477580.85", "0.1"),
            ("quantize", "92233720368547758.075", "0.01"), ("quantize", "999999999999999999.5", "1"),
            ("quantize", "9999999999999999999.5", "1"), ("quantize", "99999999999999999999.5", "1"),
            ("quantize", "0.00000000000000000005", "1E-19"), ("quantize", "-0.00000000000000000005", "1E-19"),
            ("quantize", "1", "1E-18"), ("quantize", "1", "1E-19"), ("quantize", "-1", "1E-20"),
            ("compare", "9223372036854775807", "9223372036854775808"), ("compare", "-9223372036854775808", "-9223372036854775807"),
            ("compare", "9223372036854775807", "92233720368547758070E-1"), ("compare", "922337203685477580.8", "922337203685477580.7"),
            ("compare", "9223372036854775808", "9.223372036854775808E+18"), ("compare", "-9223372036854775808", "-9223372036854775808.0"),
            ("compare", "1E+19", "9999999999999999999.9"), ("compare", "18446744073709551616", "1.8446744073709551616E+19"),
        ]
        unary_ops = ["plus", "minus", "abs", "reduce", "tosci"]
        # Every operation runs at 18, 19 and 20 digits under two of the eight modes (which two
        # rotates from one operation to the next, so every mode sees every kind of operation),
        # and at 9 and 34 digits under one.
        for p in (9, 18, 19, 20, 34):
            for index, (name, _) in enumerate(ROUNDINGS):
                w.set_context(p, name)
                for k, (op, a, b) in enumerate(ops_binary):
                    if p in (9, 34):
                        if (k + p) % 8 == index and k % 2 == 0:
                            w.case(op, a, b)
                    elif (k + p) % 4 == index % 4:
                        w.case(op, a, b)
                for k, v in enumerate(values):
                    if (k + p) % 8 == index:
                        w.case(unary_ops[(k + p) % len(unary_ops)], v)

    def tie_section(self):
        """Exact halfway cases, and cases just off them, under all eight modes."""
        w, r = self.w, self.rng
        w.comment("Halfway cases and their neighbours under all eight rounding modes")
        for p in (1, 19, 20, 34):
            cases = []
            for tail in ("half", "below", "above"):
                t = self.tie(p, tail)
                e = r.randint(-8, 8)
                cases.append((r.choice(["plus", "tosci"]), self.num(t, e, self.sign())))
            even = self.digits(p, r.choice([2, 4, 6, 8]))
            odd = self.digits(p, r.choice([1, 3, 7, 9]))
            zero_five = self.digits(p, r.choice([0, 5]))
            for k, kept in enumerate((even, odd, zero_five)):
                neg = k == 1 or self.sign()
                b = r.choice([3, 7, 9, 11, 2**40 + 1, INT64_MAX])
                unary = ["minus", "abs", "reduce"][k]
                cases += [
                    (unary, self.num(int(str(kept) + "5000"), -4, neg)),
                    ("add", self.num(kept, 0, neg), self.num(5, -1, neg)),
                    ("subtract", self.num(kept, 0, neg), self.num(5, -1, not neg)),
                    ("add", self.num(int(str(kept) + "5"), -1, neg), self.num(1, -r.randint(p + 3, 400000), neg)),
                    ("add", self.num(int(str(kept) + "5"), -1, neg), self.num(1, -r.randint(p + 3, 400000), not neg)),
                    ("multiply", self.num(int(str(kept) + "5"), 0, neg), "0.1"),
                    ("quantize", self.num(int(str(kept) + "5"), -3, neg), "1E-2"),
                    ("quantize", self.num(int(str(kept) + ["49999", "50001"][k % 2]), -7, neg), "1E-2"),
                    ("divide", self.num(int(str(kept) + "5") * b, r.randint(-5, 5), neg), self.num(b, 0)),
                    ("divide", self.num(int(str(kept) + "5") * b + r.choice([1, -1]), 0, neg), self.num(b, 0)),
                ]
            # all-nines carry under every mode
            cases.append(("plus", self.num(10 ** (p + 1) - 1, 0, self.sign())))
            cases.append(("plus", self.num(10 ** (p + 2) - 5, -2, self.sign())))
            for name, _ in ROUNDINGS:
                w.set_context(p, name)
                for c in cases:
                    w.case(*c)

    def int64_rounding_section(self):
        """Rounding whose kept coefficient is at the Int64 limit, so that adding the rounding
        increment (or the carry) leaves Int64: kept digits Int64.max, |Int64.min|, ...805 and
        ...800 (for 05up), 10^19 - 1, under all eight modes."""
        w, r = self.w, self.rng
        w.comment("Rounding to a kept coefficient at the Int64 limit, under all eight modes")
        kept_values = [INT64_MAX, INT64_MAX + 1, INT64_MAX - 2, 9223372036854775800, 10**19 - 1, 10**18 - 1]
        tails = ["5", "49", "51", "1", "50000000000000000000000"]
        cases = []
        for i, kept in enumerate(kept_values):
            for j, tail in enumerate(tails):
                neg = (i + j) % 2 == 1
                c = int(str(kept) + tail)
                e = -len(tail) + r.randint(-3, 3)
                v = self.num(c, e, neg)
                kind = (i + j) % 4
                if kind == 0:
                    cases.append(("plus", v))
                elif kind == 1:
                    cases.append(("quantize", v, self.num(1, e + len(tail))))
                elif kind == 2:
                    cases.append(("divide", self.num(c * 7, e, neg), "7"))
                else:
                    cases.append(("multiply", self.num(c, 0, neg), self.num(1, e)))
        for name, _ in ROUNDINGS:
            w.set_context(19, name)
            for c in cases:
                w.case(*c)

    def format_section(self):
        """to-scientific-string around the switch to exponential notation (adjusted exponent
        -6 / -7, positive exponents) and other spellings of the input."""
        w = self.w
        w.comment("to-scientific-string: notation boundaries and input spellings")
        texts = [
            "1E-6", "1E-7", "0.000001", "0.0000001", "0.00000123", "0.000000123", "12345E-10", "12345E-11",
            "-0E-6", "-0E-7", "0E-6", "0E-7", "0.000000", "0.0000000", "-0.0000000", "1E+0", "1E+1", "10E-1",
            "123E+0", "123E+1", "-123E-2", "9223372036854775807E-25", "9223372036854775807E-24",
            "-9223372036854775808E-26", "9223372036854775808E+1", "9223372036854775807.", ".9223372036854775808",
            "0009223372036854775807", "-00000000000000000000000000000", "+0.0E+5", "1e5", "1E+999999", "1E-999999",
            "-9.99999999999999999999E+999999", "0E+999999", "0E-999999", "00.00E-3", "5.", ".5", "-.5E-0",
        ]
        for p, name in ((9, "half_up"), (50, "half_even")):
            w.set_context(p, name)
            for t in texts:
                w.case("tosci", t)
                w.case("reduce", t)

    def zero_section(self):
        """Signed zeros: the sign rules of add, subtract, multiply, divide, minus and plus
        differ between floor and every other mode."""
        w = self.w
        w.comment("Signed zeros and zero exponents")
        zeros = ["0", "-0", "0E+5", "-0E+5", "0E-7", "-0.000", "-0E+999990", "0E-999990"]
        values = ["1", "-1", "1.50", "-9223372036854775808", "9223372036854775808", "1E+20", "-1E-20", "123.456"]
        binary = ["add", "subtract", "multiply", "divide", "divideint", "remainder", "quantize", "compare"]
        for c, (p, name) in enumerate([(9, "half_even"), (9, "floor"), (3, "ceiling"), (19, "05up")]):
            w.set_context(p, name)
            for i, z in enumerate(zeros):
                for j, z2 in enumerate(zeros):
                    op = binary[(i + 2 * j + c) % len(binary)]
                    if (i + j + c) % 2 == 0 or op in ("add", "subtract"):
                        w.case(op, z, z2)
                v = values[(i + c) % len(values)]
                for op in binary:
                    w.case(op, z, v)
                    w.case(op, v, z)
                w.case(["minus", "plus", "abs", "reduce", "tosci"][(i + c) % 5], z)
                w.case(["minus", "plus", "abs", "reduce", "tosci"][(i + c + 2) % 5], z)
            # exact cancellation: +0 except under floor
            for v in values[c % 2::2]:
                w.case("subtract", v, v)
                neg = v[1:] if v.startswith("-") else "-" + v
                w.case("add", v, neg)

    def far_exponent_section(self):
        """Operands whose exponents are far apart: the exact sum would be enormous, so an
        implementation has to round without writing it out."""
        w, r = self.w, self.rng
        w.comment("Far-apart exponents (adjusted exponents stay within +-999999)")
        for p in (1, 5, 9, 19, 20, 34, 50):
            for name, _ in ROUNDINGS[p % 2::2]:
                w.set_context(p, name)
                big_c = r.choice([1, 5, 9223372036854775807, 10**p - 1, self.digits(p), self.tie(p, "half")])
                nd = len(str(big_c))
                big_e = r.choice([r.randint(100, 999000), r.randint(-50, 50), 999999 - nd + 1])
                tiny_c = r.choice([1, 5, 9, 9223372036854775808, self.digits(40)])
                tiny_e = r.choice([-999999, -r.randint(100, 999000), big_e - r.randint(p + 3, 1000)])
                a = self.num(big_c, big_e, self.sign())
                b = self.num(tiny_c, tiny_e, self.sign())
                w.case("add", a, b)
                w.case("add", b, a)
                w.case("subtract", a, b)
                w.case("multiply", a, b)
                w.case("divide", a, b)
                w.case("divide", b, a)
                w.case("divideint", b, a)
                w.case("remainder", b, a)
                w.case("divideint", a, b)
                w.case("compare", a, b)
                w.case("quantize", b, self.num(1, r.randint(-999999, 999999)))
                w.case("add", a, self.num(0, tiny_e, self.sign()))
                w.case("add", self.num(0, big_e, self.sign()), b)

    def division_section(self):
        """Exact quotients must take the ideal exponent (or the nearest one that holds the
        digits); inexact ones are rounded to the precision."""
        w, r = self.w, self.rng
        w.comment("Exact and inexact division, ideal exponents")
        for p in (1, 2, 4, 7, 9, 12, 16, 18, 19, 20, 25, 34, 38, 45, 50):
            for name in (ROUNDINGS[p % 8][0], ROUNDINGS[(p + 3) % 8][0]):
                w.set_context(p, name)
                for _ in range(2):
                    # exact with a quotient of exactly p, p+1 digits or with trailing zeros
                    q = self.digits(p + r.choice([0, 0, 1, -1 if p > 1 else 0]))
                    b = r.choice([self.digits(r.randint(1, 25)), 2**r.randint(1, 80), 5**r.randint(1, 40), INT64_MAX])
                    e1, e2 = r.randint(-20, 20), r.randint(-20, 20)
                    w.case("divide", self.num(q * b, e1, self.sign()), self.num(b, e2, self.sign()))
                    q2 = self.digits(r.randint(1, max(1, p - 1))) * 10 ** r.randint(1, 12)
                    w.case("divide", self.num(q2 * b, e1, self.sign()), self.num(b, e2, self.sign()))
                    w.case("divide", self.num(b, e1), self.num(b * 10 ** r.randint(0, 30), e2))
                    w.case("divideint", self.num(q * b, e1, self.sign()), self.num(b, e1, self.sign()))
                    w.case("remainder", self.num(q * b + 1, e1, self.sign()), self.num(b, e1, self.sign()))
                    w.case("divide", *self.divide_operands(p))

    def money_section(self):
        """Interest: principal x rate x days / 360, quantized to the cent."""
        w, r = self.w, self.rng
        w.comment("Money: principal x rate x days / 360, quantized to 1E-2")
        contexts = [(34, "half_even"), (34, "half_up"), (28, "half_up"), (50, "half_even"),
                    (20, "half_up"), (19, "half_even"), (18, "down"), (34, "up")]
        for p, name in contexts:
            for _ in range(3):
                principal = Decimal(r.choice([
                    "%d.%02d" % (r.randint(1, 10**r.randint(3, 12)), r.randint(0, 99)),
                    "%d" % (r.randint(1, 100) * 10 ** r.randint(3, 9)),
                    "92233720368547758.07", "3000000", "1000000000000.00"]))
                rate = Decimal(r.choice([
                    "0.0365", "0.045", "0.0525", "0.035", "0.0001", "0.12",
                    "0.%04d" % r.randint(1, 9999), "0.%06d" % r.randint(1, 999999)]))
                days = r.choice([1, 30, 31, 90, 181, 360, 365, 366, r.randint(1, 3650)])
                big = make_context(200, decimal.ROUND_HALF_EVEN)
                product = big.multiply(principal, rate)
                total = big.multiply(product, Decimal(days))
                w.set_context(p, name)
                w.case("multiply", principal, rate)
                w.case("multiply", product, days)
                w.case("divide", total, "360")
                w.case("divide", total, "365")
                quotient = w.context.divide(total, Decimal(360))
                for mode in ("half_up", "half_even", "half_down", "down", "up", "ceiling", "floor", "05up"):
                    w.set_context(p, mode)
                    w.case("quantize", quotient, "1E-2")
                w.set_context(p, name)
                w.case("quantize", quotient, "0.01")
                w.case("quantize", total, "1E-2")
                # an exact half cent: some amount x.xx5 times 360, divided back
                cents = r.randint(1, 10**r.randint(2, 14))
                half = Decimal(cents * 10 + 5).scaleb(-3)
                w.case("divide", big.multiply(half, Decimal(360)), "360")
                for mode in ("half_up", "half_even", "half_down", "05up"):
                    w.set_context(p, mode)
                    w.case("quantize", half, "1E-2")
                    w.case("quantize", -half, "1E-2")
                w.set_context(p, name)

    def big_precision_section(self):
        w, r = self.w, self.rng
        w.comment("Large precisions")
        for p, count in ((100, 2), (500, 1)):
            for name, _ in ROUNDINGS[:: (1 if p == 100 else 2)]:
                w.set_context(p, name)
                for _ in range(count):
                    a40 = self.num(self.digits(40), r.randint(-30, 30), self.sign())
                    b40 = self.num(self.digits(r.choice([19, 20, 40])), r.randint(-30, 30), self.sign())
                    w.case("multiply", a40, b40)
                    w.case("divide", a40, b40)
                    w.case("divide", r.choice(["1", "2", "-10", "9223372036854775807"]), r.choice(["3", "7", "-97", "360"]))
                    w.case("add", self.num(1, r.randint(100, 800), self.sign()), self.num(r.choice([1, 5, 49, 51]), -r.randint(100, 800), self.sign()))
                    w.case("add", self.num(10 ** (p + 1) - 1, 0, self.sign()), self.num(5, -1))
                    w.case("plus", self.num(self.tie(p), r.randint(-10, 10), self.sign()))
                    w.case("divideint", self.num(self.digits(r.randint(p - 1, p + 1)) * 7 + 3, 0, self.sign()), "7")
                    w.case("remainder", self.num(self.digits(r.randint(p - 1, p + 1)) * 7 + 3, 0, self.sign()), "7")
                    w.case("quantize", self.num(self.digits(r.randint(p - 5, p + 5)), -r.randint(1, 10)), "1E-5")

    def remainder_section(self):
        """divideint and remainder at the Division_impossible boundary under all modes."""
        w, r = self.w, self.rng
        w.comment("divideint and remainder near the Division_impossible boundary")
        for p in (1, 3, 9, 18, 19, 20, 33):
            for name, _ in ROUNDINGS[p % 4::4]:
                w.set_context(p, name)
                for nq in (p - 1, p, p + 1):
                    if nq < 1:
                        continue
                    for q in (10**nq - 1, 10 ** (nq - 1), self.digits(nq)):
                        b = r.choice([3, 7, 2**32 + 1, INT64_MAX, self.digits(30)])
                        rem = r.randint(1, b - 1)
                        neg_a, neg_b = self.sign(), self.sign()
                        e = r.randint(-6, 6)
                        w.case("divideint", self.num(q * b + rem, e, neg_a), self.num(b, e, neg_b))
                        w.case("remainder", self.num(q * b + rem, e, neg_a), self.num(b, e, neg_b))
                        w.case("remainder", self.num(q * b + rem, e - 2, neg_a), self.num(b, e, neg_b))


def generate(seed=SEED):
    writer = Writer()
    header = [
        "------------------------------------------------------------------------",
        "-- differential.decTest -- generated by Scripts/generate_differential_dectest.py",
        "-- Expected results and conditions are those of Python's decimal module",
        "-- (a Context with traps off; str() of the result). Do not edit by hand:",
        "-- change the generator and run it again.",
        "------------------------------------------------------------------------",
        "version: 2.62",
        "",
        "extended:    1",
        "maxExponent: %d" % EMAX,
        "minExponent: %d" % EMIN,
    ]
    writer.lines.extend(header)
    if seed != SEED:
        writer.lines.append("-- seed %d" % seed)
    gen = Generator(writer, seed)
    gen.mixed_blocks()
    gen.boundary_section()
    gen.tie_section()
    gen.int64_rounding_section()
    gen.format_section()
    gen.zero_section()
    gen.far_exponent_section()
    gen.division_section()
    gen.remainder_section()
    gen.money_section()
    gen.big_precision_section()
    return writer


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    default = os.path.join(root, "Tests", "DecimalModuleTests", "Resources", "differential.decTest")
    args = sys.argv[1:]
    seed = SEED
    if len(args) >= 2 and args[0] == "--seed":
        seed = int(args[1])
        args = args[2:]
    path = args[0] if args else default
    writer = generate(seed)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(writer.lines) + "\n")
    size = os.path.getsize(path)
    print("%s: %d cases (%d dropped), %d bytes" % (path, writer.count, writer.dropped, size), file=sys.stderr)


if __name__ == "__main__":
    main()
