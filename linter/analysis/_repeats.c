/* Where a text repeats itself at once (gongwen.analysis.repeats), as a loop over its code
 * points: a run of `size` characters typed twice, a Han character typed twice (exactly twice:
 * TYP001's candidates, whose reference is repeats.plain_lone_doubled_han). The Python path
 * (repeats.Lanes) compares the text with itself shifted through one big integer and finds the
 * zero lanes with bytes.find; its cost on a report is building those integers and bytes
 * (four per document), not the search. Here a document costs one pass per question and no copy.
 *
 * repeats.Lanes is the reference: tests/analysis/test_repeats.py compares the two
 * over thousands of texts. Optional: when this does not build, the Python path runs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define HAVE_SSE2 1
#else
#define HAVE_SSE2 0
#endif

/* Script=Han ranges (han_runs._RANGES), set once by set_han_ranges: inclusive, sorted. */
static Py_UCS4 *han_starts, *han_ends;
static Py_ssize_t han_count;

static int
is_han(Py_UCS4 c)
{
    Py_ssize_t lo = 0, hi = han_count; /* the first range starting after c */
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (han_starts[mid] <= c) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo > 0 && c <= han_ends[lo - 1];
}

static PyObject *
set_han_ranges(PyObject *Py_UNUSED(module), PyObject *ranges)
{
    PyObject *seq = PySequence_Fast(ranges, "ranges must be a sequence of (start, end)");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    Py_UCS4 *starts = PyMem_Malloc((n + 1) * sizeof(Py_UCS4)), *ends = PyMem_Malloc((n + 1) * sizeof(Py_UCS4));
    if (starts == NULL || ends == NULL) {
        PyMem_Free(starts);
        PyMem_Free(ends);
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned long a, b;
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq, i), "kk", &a, &b)
                || (i > 0 && a <= ends[i - 1]) || b < a) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "ranges must be sorted and disjoint");
            }
            PyMem_Free(starts);
            PyMem_Free(ends);
            Py_DECREF(seq);
            return NULL;
        }
        starts[i] = (Py_UCS4)a;
        ends[i] = (Py_UCS4)b;
    }
    Py_DECREF(seq);
    PyMem_Free(han_starts);
    PyMem_Free(han_ends);
    han_starts = starts;
    han_ends = ends;
    han_count = n;
    Py_RETURN_NONE;
}

/* The first j >= i (j < limit) where the character at j equals the one at j + size, or limit
 * when none does before it; blocks of 16 (one-byte text) or 8 (two-byte text) characters
 * compared at once, the rest (and four-byte text) one by one. Every load ends at or before
 * limit + size = the text's length. */
static Py_ssize_t
unequal_run_end(int kind, const void *data, Py_ssize_t i, Py_ssize_t limit, Py_ssize_t size)
{
#if HAVE_SSE2
    if (kind == PyUnicode_1BYTE_KIND) {
        const uint8_t *a = data;
        for (; i + 16 <= limit; i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(a + i));
            __m128i y = _mm_loadu_si128((const __m128i *)(a + i + size));
            int equal = _mm_movemask_epi8(_mm_cmpeq_epi8(x, y));
            if (equal) {
                return i + __builtin_ctz((unsigned)equal);
            }
        }
    }
    else if (kind == PyUnicode_2BYTE_KIND) {
        const uint16_t *a = data;
        for (; i + 8 <= limit; i += 8) {
            __m128i x = _mm_loadu_si128((const __m128i *)(a + i));
            __m128i y = _mm_loadu_si128((const __m128i *)(a + i + size));
            int equal = _mm_movemask_epi8(_mm_cmpeq_epi16(x, y));
            if (equal) {
                return i + __builtin_ctz((unsigned)equal) / 2;
            }
        }
    }
#endif
    for (; i < limit; i++) {
        if (PyUnicode_READ(kind, data, i) == PyUnicode_READ(kind, data, i + size)) {
            return i;
        }
    }
    return limit;
}

PyDoc_STRVAR(doubled_doc,
"doubled(text, size, pos) -> int\n\n"
"The first i >= pos where text[i:i + size] == text[i + size:i + 2 * size], or -1.");

static PyObject *
doubled(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text;
    Py_ssize_t size, pos;
    if (!PyArg_ParseTuple(args, "Unn:doubled", &text, &size, &pos)) {
        return NULL;
    }
    if (size < 1) {
        PyErr_SetString(PyExc_ValueError, "size must be positive");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t run = 0; /* characters equal to the one `size` further on, ending at i */
    if (size > n) {
        return PyLong_FromSsize_t(-1); /* and i + size cannot overflow below */
    }
    if (pos < 0) {
        pos = 0;
    }
    Py_ssize_t limit = n - size; /* i + size < n */
    for (Py_ssize_t i = pos; i < limit; i++) {
        if (run == 0) {
            /* Nothing equal behind i: skip to the next character equal to the one `size`
             * further on, 16 or 8 at a time (most characters of a report differ from theirs:
             * 11 instructions a character per size were a whole pass of the text each). */
            i = unequal_run_end(kind, data, i, limit, size);
            if (i >= limit) {
                break;
            }
        }
        if (PyUnicode_READ(kind, data, i) == PyUnicode_READ(kind, data, i + size)) {
            if (++run == size) {
                return PyLong_FromSsize_t(i - size + 1);
            }
        }
        else {
            run = 0;
        }
    }
    return PyLong_FromSsize_t(-1);
}

/* The (text, pos) arguments of the Han questions, once the ranges are set; 0 on success. */
static int
han_text_args(PyObject *args, const char *format, PyObject **text, Py_ssize_t *pos)
{
    if (!PyArg_ParseTuple(args, format, text, pos)) {
        return -1;
    }
    if (han_starts == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_han_ranges first");
        return -1;
    }
    return 0;
}

PyDoc_STRVAR(doubled_han_doc,
"doubled_han(text, pos) -> int\n\n"
"The first i >= pos where a Han character stands twice in a row (text[i] == text[i + 1]),\n"
"or -1.");

static PyObject *
doubled_han(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text;
    Py_ssize_t pos;
    if (han_text_args(args, "Un:doubled_han", &text, &pos) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = pos < 0 ? 0 : pos; (i = unequal_run_end(kind, data, i, n - 1, 1)) < n - 1; i++) {
        if (is_han(PyUnicode_READ(kind, data, i))) {  /* text[i] == text[i + 1] */
            return PyLong_FromSsize_t(i);
        }
    }
    return PyLong_FromSsize_t(-1);
}

/* The first i >= pos where a Han character stands exactly twice in a row, or -1. */
static Py_ssize_t
lone_from(int kind, const void *data, Py_ssize_t n, Py_ssize_t pos)
{
    Py_ssize_t i = pos < 0 ? 0 : pos;
    while ((i = unequal_run_end(kind, data, i, n - 1, 1)) < n - 1) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);  /* == text[i + 1] */
        /* A run of c from i: its end, stepped over whole (a megabyte of one character is one
         * run, not a Python step per character). */
        Py_ssize_t end = i + 2;
        while (end < n && PyUnicode_READ(kind, data, end) == c) {
            end++;
        }
        if (end == i + 2 && (i == 0 || PyUnicode_READ(kind, data, i - 1) != c) && is_han(c)) {
            return i;
        }
        i = end; /* the run's last character differs from the next: no pair starts there */
    }
    return -1;
}

PyDoc_STRVAR(lone_doubled_han_doc,
"lone_doubled_han(text, pos) -> int\n\n"
"The first i >= pos where a Han character stands exactly twice in a row (text[i] ==\n"
"text[i + 1], and neither text[i - 1] nor text[i + 2] is that character), or -1.");

static PyObject *
lone_doubled_han(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text;
    Py_ssize_t pos;
    if (han_text_args(args, "Un:lone_doubled_han", &text, &pos) < 0) {
        return NULL;
    }
    return PyLong_FromSsize_t(lone_from(PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), pos));
}

/* has_doubled_han(text, lo, hi): a Han character twice in a row within [lo, hi). */
static int
doubled_han_within(int kind, const void *data, Py_ssize_t lo, Py_ssize_t hi)
{
    for (Py_ssize_t j = lo; j + 1 < hi; j++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (c == PyUnicode_READ(kind, data, j + 1) && is_han(c)) {
            return 1;
        }
    }
    return 0;
}

PyDoc_STRVAR(isolated_doubled_han_doc,
"isolated_doubled_han(text, pos) -> int\n\n"
"The first i >= pos that lone_doubled_han finds and that no reduplicated pattern around it\n"
"explains: not AABB (text[i + 2] == text[i + 3], or text[i - 2] == text[i - 1]), no Han\n"
"character twice in a row within the 8 characters before i or the 8 after i + 1; or -1.\n"
"repeats.plain_isolated_doubled_han is the reference.");

static PyObject *
isolated_doubled_han(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text;
    Py_ssize_t pos;
    if (han_text_args(args, "Un:isolated_doubled_han", &text, &pos) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = lone_from(kind, data, n, pos); i >= 0; i = lone_from(kind, data, n, i + 2)) {
        if (i + 3 < n && PyUnicode_READ(kind, data, i + 2) == PyUnicode_READ(kind, data, i + 3)) {
            continue;
        }
        if (i >= 2 && PyUnicode_READ(kind, data, i - 2) == PyUnicode_READ(kind, data, i - 1)) {
            continue;
        }
        if (doubled_han_within(kind, data, i >= 8 ? i - 8 : 0, i)
                || doubled_han_within(kind, data, i + 2, i + 10 < n ? i + 10 : n)) {
            continue;
        }
        return PyLong_FromSsize_t(i);
    }
    return PyLong_FromSsize_t(-1);
}

static PyObject *
within_bmp(PyObject *Py_UNUSED(module), PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "within_bmp takes a str");
        return NULL;
    }
    /* CPython stores a str in the narrowest kind that holds its largest code point. */
    return PyBool_FromLong(PyUnicode_KIND(text) != PyUnicode_4BYTE_KIND);
}

PyDoc_STRVAR(han_clause_doc,
"han_clause(text, start, end, reach) -> (a, clause), or None\n\n"
"han_runs.plain_clause_around's cut: up to reach Han characters before start and after end,\n"
"within one run of them, as (where it starts, text[a:b]); None for a start or end outside\n"
"0 <= start <= end <= len(text) or a negative reach, which the Python path answers.");

/* The clause a segmenter reads around a candidate (TYP001 asks for one at each of its ~1,400
 * candidates in the benchmark's first 400 files, TYP002 for its windows): two stdlib pattern
 * matches, a reversed slice and a slice in Python, ~4,000 instructions; here one walk each way. */
static PyObject *
han_clause(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text;
    Py_ssize_t start, end, reach;
    if (!PyArg_ParseTuple(args, "Unnn:han_clause", &text, &start, &end, &reach)) {
        return NULL;
    }
    if (han_starts == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_han_ranges first");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (start < 0 || end < start || end > n || reach < 0) {
        Py_RETURN_NONE;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t a = start, lo = start - reach > 0 ? start - reach : 0;
    while (a > lo && is_han(PyUnicode_READ(kind, data, a - 1))) {
        a--;
    }
    Py_ssize_t b = end, hi = end + reach < n ? end + reach : n;
    while (b < hi && is_han(PyUnicode_READ(kind, data, b))) {
        b++;
    }
    PyObject *clause = PyUnicode_Substring(text, a, b);
    if (clause == NULL) {
        return NULL;
    }
    return Py_BuildValue("(nN)", a, clause);
}

static PyMethodDef methods[] = {
    {"within_bmp", within_bmp, METH_O, "Whether no character of the str lies beyond U+FFFF."},
    {"set_han_ranges", set_han_ranges, METH_O, "Set the Script=Han ranges ((start, end) inclusive, sorted)."},
    {"doubled", doubled, METH_VARARGS, doubled_doc},
    {"doubled_han", doubled_han, METH_VARARGS, doubled_han_doc},
    {"lone_doubled_han", lone_doubled_han, METH_VARARGS, lone_doubled_han_doc},
    {"isolated_doubled_han", isolated_doubled_han, METH_VARARGS, isolated_doubled_han_doc},
    {"han_clause", han_clause, METH_VARARGS, han_clause_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_repeats",
    "Where a text repeats itself at once, in C (see gongwen.analysis.repeats).",
    0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__repeats(void)
{
    return PyModuleDef_Init(&definition);
}
