/* The date layer's reader (gongwen.analysis.dates.find_dates) as one pass over a text's code
 * points. The Python path searches _DATE_START (a stdlib re pattern) for where a date may
 * start, matches _DATE there, and reads the groups into Part and DateExpr objects: ~35,000
 * instructions a date on the benchmark's reports, half of them the two patterns' machinery.
 * Here each of _DATE's three forms is matched by hand where its first character stands, with
 * the same lookbehinds, bounded runs and alternation order, and the objects are built by the
 * same constructors (handed in by configure): the list equals the Python path's.
 *
 * dates.reference_find_dates is the reference: tests/analysis/test_dates_compiled.py compares
 * the two over thousands of generated texts. Every form is a bounded run of characters after
 * its start, and the scan goes on after each date, so the pass is linear in the text.
 * Optional: when this does not build, the Python path runs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Set once by configure: the slotted constructors of Part and DateExpr (positional order),
 * the reader of a Chinese month or day (its text -> int or None), and the strings the
 * objects hold. */
static PyObject *make_part, *make_date, *read_small;
static PyObject *s_arabic, *s_chinese, *s_nian, *s_point, *s_slash, *s_dash;

#define NIAN 0x5E74 /* 年 */
#define YUE 0x6708  /* 月 */
#define RI 0x65E5   /* 日 */
#define HAO 0x53F7  /* 号 */
#define CHU 0x521D  /* 初 */

static int
is_ascii_digit(Py_UCS4 c)
{
    return c >= '0' && c <= '9';
}

static int
is_wide_digit(Py_UCS4 c) /* ０-９ */
{
    return c >= 0xFF10 && c <= 0xFF19;
}

static int
is_digit(Py_UCS4 c)
{
    return is_ascii_digit(c) || is_wide_digit(c);
}

static int
digit_value(Py_UCS4 c)
{
    return is_ascii_digit(c) ? (int)(c - '0') : (int)(c - 0xFF10);
}

/* 一二三四五六七八九 -> 1..9, else 0 */
static int
cn_digit(Py_UCS4 c)
{
    switch (c) {
    case 0x4E00: return 1; /* 一 */
    case 0x4E8C: return 2; /* 二 */
    case 0x4E09: return 3; /* 三 */
    case 0x56DB: return 4; /* 四 */
    case 0x4E94: return 5; /* 五 */
    case 0x516D: return 6; /* 六 */
    case 0x4E03: return 7; /* 七 */
    case 0x516B: return 8; /* 八 */
    case 0x4E5D: return 9; /* 九 */
    default: return 0;
    }
}

/* _CN_SMALL: 一二三四五六七八九十 */
static int
is_cn_small(Py_UCS4 c)
{
    return cn_digit(c) || c == 0x5341; /* 十 */
}

/* _YEAR_DIGIT_VALUE's zeros: 〇 and YEAR_ZEROS_WRONG (零○OoＯ0０) */
static int
is_year_zero(Py_UCS4 c)
{
    return c == 0x3007 || c == 0x96F6 || c == 0x25CB || c == 'O' || c == 'o' || c == 0xFF2F
        || c == '0' || c == 0xFF10;
}

static int
is_cn_year_digit(Py_UCS4 c) /* _CN_YEAR_DIGITS */
{
    return is_year_zero(c) || cn_digit(c);
}

/* _NUM_BEFORE: 0-9０-９A-Za-z.．〇零○ _CN_SMALL 百千万亿两第 */
static int
in_num_before(Py_UCS4 c)
{
    if (is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == 0xFF0E) {
        return 1;
    }
    switch (c) {
    case 0x3007: case 0x96F6: case 0x25CB:                             /* 〇零○ */
    case 0x767E: case 0x5343: case 0x4E07: case 0x4EBF: case 0x4E24: case 0x7B2C: /* 百千万亿两第 */
        return 1;
    default:
        return is_cn_small(c);
    }
}

/* -/:_#〔[ : what else may not stand before an Arabic year or a separator date */
static int
in_code_marks(Py_UCS4 c)
{
    return c == '-' || c == '/' || c == ':' || c == '_' || c == '#' || c == 0x3014 || c == '[';
}

/* the year-less form's lookbehind adds 几数每个上下本当同次翌 */
static int
in_yearless_before(Py_UCS4 c)
{
    switch (c) {
    case 0x51E0: case 0x6570: case 0x6BCF: case 0x4E2A: case 0x4E0A: case 0x4E0B:
    case 0x672C: case 0x5F53: case 0x540C: case 0x6B21: case 0x7FCC:
        return 1;
    default:
        return in_num_before(c);
    }
}

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Text;

static Py_UCS4
at(const Text *t, Py_ssize_t i)
{
    return i < t->n ? PyUnicode_READ(t->kind, t->data, i) : 0;
}

/* The length of the run of characters passing `test` from i, counting at most `most` + 1 (a
 * run longer than a bounded repeat's bound fails it whatever follows). */
static Py_ssize_t
run(const Text *t, Py_ssize_t i, int (*test)(Py_UCS4), Py_ssize_t most)
{
    Py_ssize_t k = 0;
    while (k <= most && i + k < t->n && test(at(t, i + k))) {
        k++;
    }
    return k;
}

static int
is_ascii_digit_test(Py_UCS4 c)
{
    return is_ascii_digit(c);
}

static int
is_day_cn(Py_UCS4 c) /* [_CN_SMALL廿卅] */
{
    return is_cn_small(c) || c == 0x5EFF || c == 0x5345;
}

/* _MONTH then 月 at i: the index of 月, or -1. Each branch's bounded run is followed by 月,
 * which none of its classes holds, so the run must be whole and within its bound. */
static Py_ssize_t
month_at(const Text *t, Py_ssize_t i)
{
    Py_UCS4 c = at(t, i);
    Py_ssize_t k;
    if (is_digit(c)) {
        k = run(t, i, is_digit, 2);
        return (k <= 2 && at(t, i + k) == YUE) ? i + k : -1;
    }
    if (is_cn_small(c)) {
        k = run(t, i, is_cn_small, 3);
        return (k <= 3 && at(t, i + k) == YUE) ? i + k : -1;
    }
    if (c == 0x6B63 || c == 0x814A || c == 0x51AC) { /* 正腊冬 */
        return at(t, i + 1) == YUE ? i + 1 : -1;
    }
    return -1;
}

static int
is_day_end(Py_UCS4 c)
{
    return c == RI || c == HAO;
}

/* _DAY then [日号] at i: the index of 日 or 号, or -1. */
static Py_ssize_t
day_at(const Text *t, Py_ssize_t i)
{
    Py_UCS4 c = at(t, i);
    Py_ssize_t k;
    if (is_digit(c)) {
        k = run(t, i, is_digit, 2);
        return (k <= 2 && is_day_end(at(t, i + k))) ? i + k : -1;
    }
    if (is_day_cn(c)) {
        k = run(t, i, is_day_cn, 3);
        return (k <= 3 && is_day_end(at(t, i + k))) ? i + k : -1;
    }
    if (c == CHU) {
        k = run(t, i + 1, is_cn_small, 2);
        return (k >= 1 && k <= 2 && is_day_end(at(t, i + 1 + k))) ? i + 1 + k : -1;
    }
    return -1;
}

/* The year branch of _DATE at p (lookbehinds included): the index of 年, or -1. */
static Py_ssize_t
year_at(const Text *t, Py_ssize_t p, Py_UCS4 before, int has_before)
{
    Py_UCS4 c = at(t, p);
    if (!has_before || !(in_num_before(before) || in_code_marks(before))) {
        if ((c == '1' || c == '2') && is_ascii_digit(at(t, p + 1)) && is_ascii_digit(at(t, p + 2))
            && is_ascii_digit(at(t, p + 3)) && at(t, p + 4) == NIAN) {
            return p + 4;
        }
        if ((c == 0xFF11 || c == 0xFF12) && is_wide_digit(at(t, p + 1)) && is_wide_digit(at(t, p + 2))
            && is_wide_digit(at(t, p + 3)) && at(t, p + 4) == NIAN) {
            return p + 4;
        }
        if (is_ascii_digit(c) && is_ascii_digit(at(t, p + 1)) && at(t, p + 2) == NIAN) {
            return p + 2;
        }
    }
    if (!has_before || !in_num_before(before)) {
        if ((c == 0x4E00 || c == 0x4E8C) && is_cn_year_digit(at(t, p + 1)) && is_cn_year_digit(at(t, p + 2))
            && is_cn_year_digit(at(t, p + 3)) && at(t, p + 4) == NIAN) {
            return p + 4;
        }
    }
    return -1;
}

static PyObject *
slice(PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    return PyUnicode_Substring(text, start, end);
}

/* Part(start, end, text, value, kind) with `value` stolen (NULL: an error already set). */
static PyObject *
part(PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject *value, PyObject *kind)
{
    if (value == NULL) {
        return NULL;
    }
    PyObject *args[5] = {PyLong_FromSsize_t(start), PyLong_FromSsize_t(end), slice(text, start, end), value, kind};
    PyObject *made = NULL;
    if (args[0] != NULL && args[1] != NULL && args[2] != NULL) {
        made = PyObject_Vectorcall(make_part, args, 5, NULL);
    }
    Py_XDECREF(args[0]);
    Py_XDECREF(args[1]);
    Py_XDECREF(args[2]);
    Py_DECREF(value);
    return made;
}

/* The value of digits (ASCII or full-width) text[start:end]: what int() reads. */
static PyObject *
digits_value(const Text *t, Py_ssize_t start, Py_ssize_t end)
{
    long value = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        value = value * 10 + digit_value(at(t, i));
    }
    return PyLong_FromLong(value);
}

/* _year_part */
static PyObject *
year_part(PyObject *text, const Text *t, Py_ssize_t start, Py_ssize_t end)
{
    if (is_digit(at(t, start))) {
        return part(text, start, end, digits_value(t, start, end), s_arabic);
    }
    long value = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        value = value * 10 + cn_digit(at(t, i)); /* a zero's cn_digit is 0 */
    }
    return part(text, start, end, PyLong_FromLong(value), s_chinese);
}

/* _small_part: a month or day; a Chinese one is read by read_small (cn2an's value). */
static PyObject *
small_part(PyObject *text, const Text *t, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 c = at(t, start);
    if (is_digit(c)) {
        return part(text, start, end, digits_value(t, start, end), s_arabic);
    }
    if (end - start == 1 && (c == 0x6B63 || c == 0x814A || c == 0x51AC)) { /* 正 1, 腊 12, 冬 11 */
        return part(text, start, end, PyLong_FromLong(c == 0x6B63 ? 1 : c == 0x814A ? 12 : 11), s_chinese);
    }
    PyObject *piece = slice(text, start, end);
    if (piece == NULL) {
        return NULL;
    }
    PyObject *value = PyObject_CallOneArg(read_small, piece);
    Py_DECREF(piece);
    return part(text, start, end, value, s_chinese);
}

/* 农历 阴历 夏历 旧历 正月 腊月 ending at or before `end`, starting at or after `lo`. */
static int
lunar_before(const Text *t, Py_ssize_t lo, Py_ssize_t end)
{
    for (Py_ssize_t i = lo; i + 2 <= end; i++) {
        Py_UCS4 a = at(t, i), b = at(t, i + 1);
        if (b == 0x5386 /* 历 */ && (a == 0x519C || a == 0x9634 || a == 0x590F || a == 0x65E7)) {
            return 1;
        }
        if (b == YUE && (a == 0x6B63 || a == 0x814A)) {
            return 1;
        }
    }
    return 0;
}

static int
append_date(PyObject *found, PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject *year,
            PyObject *month, PyObject *day, PyObject *form, int lunar)
{
    PyObject *whole = slice(text, start, end), *s = PyLong_FromSsize_t(start), *e = PyLong_FromSsize_t(end);
    int failed = -1;
    if (whole != NULL && s != NULL && e != NULL) {
        PyObject *args[8] = {s, e, whole, year ? year : Py_None, month ? month : Py_None,
                             day ? day : Py_None, form, lunar ? Py_True : Py_False};
        PyObject *date = PyObject_Vectorcall(make_date, args, 8, NULL);
        if (date != NULL) {
            failed = PyList_Append(found, date);
            Py_DECREF(date);
        }
    }
    Py_XDECREF(whole);
    Py_XDECREF(s);
    Py_XDECREF(e);
    return failed;
}

/* Where a match of _DATE at p stands: its span and its parts' (-1: no such part), and its
 * form (0: 年月日, else the separator). */
typedef struct {
    Py_ssize_t start, end, ys, ye, ms, me, ds, de;
    Py_UCS4 form;
} Match;

/* _DATE matched at p, its three forms tried in its order (each a fixed sequence of bounded
 * runs whose lengths are forced, so no other split of the same characters would match). */
static int
match_at(const Text *t, Py_ssize_t p, Match *m)
{
    int has_before = p > 0;
    Py_UCS4 before = has_before ? at(t, p - 1) : 0;
    m->start = p;
    m->ys = m->ye = m->ms = m->me = m->ds = m->de = -1;
    m->form = 0;

    Py_ssize_t nian = year_at(t, p, before, has_before);
    if (nian >= 0) { /* Y年, then M月 and D日 when they follow */
        m->ys = p, m->ye = nian, m->end = nian + 1;
        Py_ssize_t yue = month_at(t, nian + 1);
        if (yue >= 0) {
            m->ms = nian + 1, m->me = yue, m->end = yue + 1;
            Py_ssize_t ri = day_at(t, yue + 1);
            if (ri >= 0) {
                m->ds = yue + 1, m->de = ri, m->end = ri + 1;
            }
        }
        return 1;
    }
    if (!has_before || !in_yearless_before(before)) { /* M月D日 */
        Py_ssize_t yue = month_at(t, p);
        Py_ssize_t ri = yue >= 0 ? day_at(t, yue + 1) : -1;
        if (ri >= 0) {
            m->ms = p, m->me = yue, m->ds = yue + 1, m->de = ri, m->end = ri + 1;
            return 1;
        }
    }
    /* Y.M.D, Y/M/D, Y-M-D: four ASCII digits, the separator twice, no digit or separator after */
    if (has_before && (is_digit(before) || (before >= 'A' && before <= 'Z') || (before >= 'a' && before <= 'z')
                       || before == '.' || before == 0xFF0E || in_code_marks(before))) {
        return 0;
    }
    Py_UCS4 c = at(t, p), sep = at(t, p + 4);
    if (!((c == '1' || c == '2') && is_ascii_digit(at(t, p + 1)) && is_ascii_digit(at(t, p + 2))
          && is_ascii_digit(at(t, p + 3)) && (sep == '.' || sep == '/' || sep == '-'))) {
        return 0;
    }
    Py_ssize_t k = run(t, p + 5, is_ascii_digit_test, 2);
    if (k < 1 || k > 2 || at(t, p + 5 + k) != sep) {
        return 0;
    }
    Py_ssize_t ds = p + 6 + k;
    Py_ssize_t j = run(t, ds, is_ascii_digit_test, 2);
    Py_UCS4 after = at(t, ds + j); /* not a digit: the run is whole */
    if (j < 1 || j > 2 || after == '.' || after == '/' || after == '-') {
        return 0;
    }
    m->ys = p, m->ye = p + 4, m->ms = p + 5, m->me = p + 5 + k, m->ds = ds, m->de = ds + j;
    m->end = ds + j, m->form = sep;
    return 1;
}

/* The DateExpr of a match, appended to found: 0, or -1 with an error set. */
static int
build(PyObject *found, PyObject *text, const Text *t, const Match *m)
{
    PyObject *year = NULL, *month = NULL, *day = NULL, *form;
    int failed = -1, lunar = 0;
    if (m->ys >= 0 && (year = year_part(text, t, m->ys, m->ye)) == NULL) {
        goto done;
    }
    if (m->ms >= 0 && (month = small_part(text, t, m->ms, m->me)) == NULL) {
        goto done;
    }
    if (m->ds >= 0 && (day = small_part(text, t, m->ds, m->de)) == NULL) {
        goto done;
    }
    if (m->form) {
        form = m->form == '.' ? s_point : m->form == '/' ? s_slash : s_dash;
    }
    else {
        Py_UCS4 first = m->ms >= 0 ? at(t, m->ms) : 0;
        form = s_nian;
        lunar = (m->ms >= 0 && m->me - m->ms == 1 && (first == 0x6B63 || first == 0x814A || first == 0x51AC))
                || (m->ds >= 0 && at(t, m->ds) == CHU)
                || lunar_before(t, m->start > 12 ? m->start - 12 : 0, m->start);
    }
    failed = append_date(found, text, m->start, m->end, year, month, day, form, lunar);
done:
    Py_XDECREF(year);
    Py_XDECREF(month);
    Py_XDECREF(day);
    return failed;
}

/* Whether a BMP character may open a date (a digit, a numeral of a Chinese year, month or
 * day, 正腊冬), set by configure: the scan steps over the (many) characters that open none
 * with one load each. */
static unsigned char starts[0x10000];

/* The first place at or after p whose character may open a date (t->n: none). */
static Py_ssize_t
next_start(const Text *t, Py_ssize_t p)
{
    if (t->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = t->data;
        while (p < t->n && !starts[d[p]]) {
            p++;
        }
    }
    else if (t->kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *d = t->data;
        while (p < t->n && !starts[d[p]]) {
            p++;
        }
    }
    else {
        const Py_UCS4 *d = t->data;
        while (p < t->n && (d[p] > 0xFFFF || !starts[d[p]])) {
            p++;
        }
    }
    return p;
}

static PyObject *
find_dates(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "find_dates() wants a str");
        return NULL;
    }
    if (make_part == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_dates.configure() was not called");
        return NULL;
    }
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        return NULL;
    }
    Match m;
    Py_ssize_t p = 0;
    while (p < t.n) {
        p = next_start(&t, p);
        if (p >= t.n) {
            break;
        }
        if (match_at(&t, p, &m)) {
            if (build(found, text, &t, &m) < 0) {
                Py_DECREF(found);
                return NULL;
            }
            p = m.end;
        }
        else {
            p++;
        }
    }
    return found;
}

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *part_maker, *date_maker, *small_reader;
    if (!PyArg_ParseTuple(args, "OOO", &part_maker, &date_maker, &small_reader)) {
        return NULL;
    }
    /* the openers one by one (a test of every BMP character was ~1 M instructions at import) */
    static const Py_UCS4 openers[] = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'O', 'o',
        0xFF10, 0xFF11, 0xFF12, 0xFF13, 0xFF14, 0xFF15, 0xFF16, 0xFF17, 0xFF18, 0xFF19, 0xFF2F,
        0x3007, 0x96F6, 0x25CB,                                                 /* 〇零○ */
        0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, /* 一..九 */
        0x5341, 0x6B63, 0x814A, 0x51AC,                                         /* 十正腊冬 */
    };
    for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++) {
        starts[openers[i]] = 1;
    }
    if (s_arabic == NULL) {
        s_arabic = PyUnicode_InternFromString("arabic");
        s_chinese = PyUnicode_InternFromString("chinese");
        s_nian = PyUnicode_InternFromString("nian");
        s_point = PyUnicode_InternFromString(".");
        s_slash = PyUnicode_InternFromString("/");
        s_dash = PyUnicode_InternFromString("-");
        if (!s_arabic || !s_chinese || !s_nian || !s_point || !s_slash || !s_dash) {
            return NULL;
        }
    }
    Py_INCREF(part_maker);
    Py_INCREF(date_maker);
    Py_INCREF(small_reader);
    Py_XSETREF(make_part, part_maker);
    Py_XSETREF(make_date, date_maker);
    Py_XSETREF(read_small, small_reader);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS,
     "configure(part, date, small): the constructors of Part and DateExpr (every field, in order) "
     "and the value of a Chinese month or day (its text -> int or None)."},
    {"find_dates", find_dates, METH_O, "Every date expression of a str, left to right (dates.find_dates)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_dates",
    "The date layer's reader in C (see gongwen.analysis.dates).",
    0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__dates(void)
{
    return PyModuleDef_Init(&definition);
}
