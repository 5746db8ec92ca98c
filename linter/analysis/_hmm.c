/* jieba's HMM cut of a run of Han characters (``jieba.finalseg.cut``) in one C pass, as token
 * ends: what the segmenter asks for a run of single characters that is no word
 * (gongwen.analysis.segmentation.LazyTokenizer._singles). jieba's Viterbi builds a dict and
 * a list per state and character and a tuple per candidate (~5 us a character in Python).
 *
 * The same computation: V[t][y] = (V[t-1][y0] + trans[y0][y]) + emit[y][c], summed in that
 * order in doubles, over jieba's PrevStatus; the larger wins and a tie goes to the larger
 * state letter, as ``max`` over (prob, state) tuples does; the last state is E or S, a tie
 * to S; the tokens are cut from the states as ``__cut`` does (B begins, E and S end, the
 * rest after the last end is one token), their lengths summed into ends. Only runs every
 * character of which ``finalseg.re_han`` matches (U+4E00-U+9FD5, the whole run one block of
 * its split) are taken; the caller leaves any other, and a non-empty Force_Split_Words, to
 * jieba. tests/analysis/test_hmm.py compares the two over thousands of runs. Optional: when
 * this does not build, jieba's own cut runs.
 *
 * The emissions are a dense table of doubles, four per character of that range (its floor
 * where jieba lists none), parsed here from rules/data/hmm_tables.txt (emission_table): jieba's
 * own tables are a 35,000-entry dict literal that cost ~8 ms to import in every process. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

enum { B, M, E, S, STATES };
static const char LETTER[STATES] = {'B', 'M', 'E', 'S'};
/* jieba's PrevStatus: the two states each state may follow. */
static const int PREV[STATES][2] = {{E, S}, {M, B}, {B, M}, {S, E}};

/* The range of characters the cut takes (finalseg.re_han's) and the emission table's size. */
enum { FIRST = 0x4E00, LAST = 0x9FD5, CHARS = LAST - FIRST + 1 };

/* The state of the two candidates (a from p, b from q) that max((p, a), (q, b)) takes. */
static int
better(int a, double p, int b, double q)
{
    if (p != q) {
        return p > q ? a : b;
    }
    return LETTER[a] > LETTER[b] ? a : b;
}

static PyObject *cut_run(PyObject *run, Py_ssize_t offset, PyObject *start_seq, PyObject *trans_seq,
                         const Py_buffer *emit_buffer);

PyDoc_STRVAR(cut_ends_doc,
"cut_ends(run, offset, start, trans, emit) -> list of int, or None\n\n"
"Where the tokens of jieba.finalseg.cut(run) end, plus offset; None when a character of\n"
"run is outside U+4E00-U+9FD5. start: 4 floats, trans: 16 (row: from B, M, E, S), emit:\n"
"emission_table's doubles (four per character of the range), all in the order B, M, E, S.");

static PyObject *
cut_ends(PyObject *self, PyObject *args)
{
    PyObject *run, *start_seq, *trans_seq;
    Py_ssize_t offset;
    Py_buffer emit_buffer;
    if (!PyArg_ParseTuple(args, "UnOOy*", &run, &offset, &start_seq, &trans_seq, &emit_buffer)) {
        return NULL;
    }
    PyObject *result = cut_run(run, offset, start_seq, trans_seq, &emit_buffer);
    PyBuffer_Release(&emit_buffer);
    return result;
}

/* cut_ends's work, the emission table held by the caller. */
static PyObject *
cut_run(PyObject *run, Py_ssize_t offset, PyObject *start_seq, PyObject *trans_seq, const Py_buffer *emit_buffer)
{
    const double *emit = emit_buffer->buf;
    if (!PyTuple_Check(start_seq) || PyTuple_GET_SIZE(start_seq) != STATES || !PyTuple_Check(trans_seq)
            || PyTuple_GET_SIZE(trans_seq) != STATES * STATES) {
        PyErr_SetString(PyExc_TypeError, "start and trans must be tuples of 4 and 16");
        return NULL;
    }
    if (emit_buffer->len != (Py_ssize_t)(CHARS * STATES * sizeof(double))
            || (uintptr_t)emit_buffer->buf % _Alignof(double) != 0) {
        PyErr_SetString(PyExc_ValueError, "emit must be emission_table's doubles");
        return NULL;
    }
    double start[STATES], trans[STATES][STATES];
    for (int y = 0; y < STATES; y++) {
        start[y] = PyFloat_AsDouble(PyTuple_GET_ITEM(start_seq, y));
        for (int z = 0; z < STATES; z++) {
            trans[y][z] = PyFloat_AsDouble(PyTuple_GET_ITEM(trans_seq, y * STATES + z));
        }
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(run);
    int kind = PyUnicode_KIND(run);
    const void *data = PyUnicode_DATA(run);
    for (Py_ssize_t t = 0; t < n; t++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, t);
        if (c < FIRST || c > LAST) {
            Py_RETURN_NONE;
        }
    }
    if (n == 0) {
        return PyList_New(0);
    }
    unsigned char *back = PyMem_Malloc((size_t)n * STATES);  /* the state each state came from */
    unsigned char *path = PyMem_Malloc((size_t)n);
    PyObject *ends = NULL;
    if (back == NULL || path == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    double v[STATES], next[STATES];
    for (Py_ssize_t t = 0; t < n; t++) {
        const double *em = emit + (size_t)(PyUnicode_READ(kind, data, t) - FIRST) * STATES;
        for (int y = 0; y < STATES; y++) {
            if (t == 0) {
                next[y] = start[y] + em[y];
                continue;
            }
            int a = PREV[y][0], b = PREV[y][1];
            double p = v[a] + trans[a][y] + em[y], q = v[b] + trans[b][y] + em[y];
            int from = better(a, p, b, q);
            back[t * STATES + y] = (unsigned char)from;
            next[y] = from == a ? p : q;
        }
        memcpy(v, next, sizeof v);
    }
    int state = better(E, v[E], S, v[S]);
    for (Py_ssize_t t = n - 1; t >= 0; t--) {
        path[t] = (unsigned char)state;
        if (t > 0) {
            state = back[t * STATES + state];
        }
    }
    ends = PyList_New(0);
    if (ends == NULL) {
        goto done;
    }
    Py_ssize_t begin = 0, after = 0, end = offset;  /* after: __cut's nexti */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t length = 0;
        if (path[i] == B) {
            begin = i;
        }
        else if (path[i] == E) {
            length = i + 1 - begin;
        }
        else if (path[i] == S) {
            length = 1;
        }
        if (path[i] == E || path[i] == S) {
            after = i + 1;
            end += length;
            PyObject *at = PyLong_FromSsize_t(end);
            if (at == NULL || PyList_Append(ends, at) < 0) {
                Py_XDECREF(at);
                Py_CLEAR(ends);
                goto done;
            }
            Py_DECREF(at);
        }
    }
    if (after < n) {
        PyObject *at = PyLong_FromSsize_t(end + n - after);
        if (at == NULL || PyList_Append(ends, at) < 0) {
            Py_CLEAR(ends);
        }
        Py_XDECREF(at);
    }
done:
    PyMem_Free(back);
    PyMem_Free(path);
    return ends;
}

PyDoc_STRVAR(emission_table_doc,
"emission_table(data, body, floor) -> bytes\n\n"
"The emission log probabilities of hmm_tables.txt's lines from byte body on\n"
"(<char>\\t<B>\\t<M>\\t<E>\\t<S>, an empty field where jieba lists none) as native doubles,\n"
"four per character of U+4E00-U+9FD5 in that order, floor where a line or field is missing:\n"
"what cut_ends reads. A field is the 16 hex digits of a double's IEEE 754 bits.");

/* The 8 lower-case hex digits in x (the first in its lowest byte: loaded from memory on a
 * little-endian machine) as their 32-bit value; -1 when a byte is no such digit. Eight at once,
 * not a digit at a time: the table's 84,000 fields were most of a process's first HMM cut. */
static int64_t
hex8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    if (x & high) {
        return -1; /* not ASCII */
    }
    /* A byte's top bit after adding 0x80 - n says whether it is >= n (no carry out of an ASCII byte). */
    uint64_t digit = (x + (0x80 - '0') * ones) & ~(x + (0x80 - '9' - 1) * ones);
    uint64_t letter = (x + (0x80 - 'a') * ones) & ~(x + (0x80 - 'f' - 1) * ones);
    if (((digit | letter) & high) != high) {
        return -1;
    }
    uint64_t v = (x & 0x0F0F0F0F0F0F0F0Fu) + 9 * ((x >> 6) & ones); /* each byte its digit's value */
    v = ((v << 4) | (v >> 8)) & 0x00FF00FF00FF00FFu;   /* two digits a byte, the first the high nibble */
    v = ((v << 8) | (v >> 16)) & 0x0000FFFF0000FFFFu;  /* four a 16-bit lane */
    v = ((v << 16) | (v >> 32)) & 0x00000000FFFFFFFFu; /* all eight */
    return (int64_t)v;
}

/* Eight bytes at p as a little-endian integer, whatever the machine. */
static uint64_t
load8(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    uint64_t x = 0;
    for (int i = 7; i >= 0; i--) {
        x = x << 8 | u[i];
    }
    return x;
}

/* One field of a line, [p, stop): empty -> floor, else the 16 hex digits of a double's bits. */
static int
field_value(const char *p, const char *stop, double floor, double *out)
{
    if (p == stop) {
        *out = floor;
        return 0;
    }
    int64_t hi = stop - p == 16 ? hex8(load8(p)) : -1, lo = hi >= 0 ? hex8(load8(p + 8)) : -1;
    if (lo < 0) {
        PyErr_SetString(PyExc_ValueError, "an emission field must be 16 hex digits");
        return -1;
    }
    uint64_t bits = (uint64_t)hi << 32 | (uint64_t)lo;
    memcpy(out, &bits, sizeof *out); /* a double is IEEE 754 binary64, as Python's float */
    return 0;
}

/* One line [p, stop): its character's four fields into table. */
static int
read_line(const char *p, const char *stop, double floor, double *table)
{
    const unsigned char *u = (const unsigned char *)p;
    /* U+4E00-U+9FD5 is three bytes of UTF-8: 1110xxxx 10xxxxxx 10xxxxxx */
    if (stop - p < 4 || (u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80
            || p[3] != '\t') {
        PyErr_SetString(PyExc_ValueError, "an emission line must begin with a character and a tab");
        return -1;
    }
    long c = ((long)(u[0] & 0x0F) << 12) | ((long)(u[1] & 0x3F) << 6) | (long)(u[2] & 0x3F);
    if (c < FIRST || c > LAST) {
        PyErr_SetString(PyExc_ValueError, "an emission line's character outside U+4E00-U+9FD5");
        return -1;
    }
    p += 4;
    for (int y = 0; y < STATES; y++) {
        const char *tab = memchr(p, '\t', (size_t)(stop - p));
        if ((y < STATES - 1) != (tab != NULL)) {
            PyErr_SetString(PyExc_ValueError, "an emission line must have four fields");
            return -1;
        }
        const char *field_end = tab != NULL ? tab : stop;
        if (field_value(p, field_end, floor, &table[(size_t)(c - FIRST) * STATES + y]) < 0) {
            return -1;
        }
        p = field_end + 1;
    }
    return 0;
}

static PyObject *
emission_table(PyObject *self, PyObject *args)
{
    Py_buffer data;
    Py_ssize_t body;
    double floor;
    if (!PyArg_ParseTuple(args, "y*nd", &data, &body, &floor)) {
        return NULL;
    }
    PyObject *result = NULL;
    if (body < 0 || body > data.len) {
        PyErr_SetString(PyExc_ValueError, "body out of range");
        goto done;
    }
    result = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(CHARS * STATES * sizeof(double)));
    if (result == NULL) {
        goto done;
    }
    double *table = (double *)PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < (Py_ssize_t)CHARS * STATES; i++) {
        table[i] = floor;
    }
    const char *p = (const char *)data.buf + body, *end = (const char *)data.buf + data.len;
    while (p < end) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        const char *stop = newline != NULL ? newline : end;
        if (stop > p && read_line(p, stop, floor, table) < 0) {
            Py_CLEAR(result);
            goto done;
        }
        p = stop + 1;
    }
done:
    PyBuffer_Release(&data);
    return result;
}

static PyMethodDef methods[] = {
    {"cut_ends", cut_ends, METH_VARARGS, cut_ends_doc},
    {"emission_table", emission_table, METH_VARARGS, emission_table_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_hmm",
    "jieba's HMM cut of a run of Han characters in C (see segmentation.LazyTokenizer._singles).",
    0, methods, NULL,
};

PyMODINIT_FUNC
PyInit__hmm(void)
{
    return PyModuleDef_Init(&definition);
}
