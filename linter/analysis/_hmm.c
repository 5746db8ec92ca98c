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
 * this does not build, jieba's own cut runs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

enum { B, M, E, S, STATES };
static const char LETTER[STATES] = {'B', 'M', 'E', 'S'};
/* jieba's PrevStatus: the two states each state may follow. */
static const int PREV[STATES][2] = {{E, S}, {M, B}, {B, M}, {S, E}};

/* emit[y].get(ch, floor) */
static int
emission(PyObject *table, PyObject *ch, double floor, double *out)
{
    PyObject *value = PyDict_GetItemWithError(table, ch);
    if (value == NULL) {
        if (PyErr_Occurred()) {
            return -1;
        }
        *out = floor;
        return 0;
    }
    *out = PyFloat_AsDouble(value);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

/* The state of the two candidates (a from p, b from q) that max((p, a), (q, b)) takes. */
static int
better(int a, double p, int b, double q)
{
    if (p != q) {
        return p > q ? a : b;
    }
    return LETTER[a] > LETTER[b] ? a : b;
}

PyDoc_STRVAR(cut_ends_doc,
"cut_ends(run, offset, start, trans, emit, floor) -> list of int, or None\n\n"
"Where the tokens of jieba.finalseg.cut(run) end, plus offset; None when a character of\n"
"run is outside U+4E00-U+9FD5. start: 4 floats, trans: 16 (row: from B, M, E, S), emit: 4\n"
"dicts (character -> float), all in the order B, M, E, S; floor: jieba's MIN_FLOAT.");

static PyObject *
cut_ends(PyObject *self, PyObject *args)
{
    PyObject *run, *start_seq, *trans_seq, *emit_seq;
    Py_ssize_t offset;
    double floor;
    if (!PyArg_ParseTuple(args, "UnOOOd", &run, &offset, &start_seq, &trans_seq, &emit_seq, &floor)) {
        return NULL;
    }
    if (!PyTuple_Check(start_seq) || PyTuple_GET_SIZE(start_seq) != STATES || !PyTuple_Check(trans_seq)
            || PyTuple_GET_SIZE(trans_seq) != STATES * STATES || !PyTuple_Check(emit_seq)
            || PyTuple_GET_SIZE(emit_seq) != STATES) {
        PyErr_SetString(PyExc_TypeError, "start, trans and emit must be tuples of 4, 16 and 4");
        return NULL;
    }
    double start[STATES], trans[STATES][STATES];
    PyObject *emit[STATES];
    for (int y = 0; y < STATES; y++) {
        start[y] = PyFloat_AsDouble(PyTuple_GET_ITEM(start_seq, y));
        emit[y] = PyTuple_GET_ITEM(emit_seq, y);
        if (!PyDict_Check(emit[y])) {
            PyErr_SetString(PyExc_TypeError, "an emission table must be a dict");
            return NULL;
        }
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
        if (c < 0x4E00 || c > 0x9FD5) {
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
    double v[STATES], next[STATES], em[STATES];
    for (Py_ssize_t t = 0; t < n; t++) {
        PyObject *ch = PyUnicode_FromOrdinal(PyUnicode_READ(kind, data, t));
        if (ch == NULL) {
            goto done;
        }
        for (int y = 0; y < STATES; y++) {
            if (emission(emit[y], ch, floor, &em[y]) < 0) {
                Py_DECREF(ch);
                goto done;
            }
        }
        Py_DECREF(ch);
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

static PyMethodDef methods[] = {
    {"cut_ends", cut_ends, METH_VARARGS, cut_ends_doc},
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
