/* The segmenter's best route (gongwen.analysis.segmentation.LazyTokenizer.token_ends) as one
 * C loop per clause: the same dynamic programming over jieba's word counts, from the last
 * character back, and the walk over the route. On the repetition rules' clauses the Python
 * loop's cost is its bytecode (~0.7 us a character), not the look-ups it asks.
 *
 * The Python path is the reference: the look-ups are the same (the tokenizer's _Start per
 * character, its pairs' words through the same callables, so that what is parsed lazily is
 * parsed the same way), the sums are computed in the same order (log(count) - log(total) +
 * score, the libm log that Python's math.log calls), a tie goes to the longer word as there.
 * tests/analysis/test_best_route.py compares the two over thousands of clauses. Optional: when
 * this does not build, the Python path runs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* The fields of one _Start (segmentation._Start, a tuple) that the route reads, borrowed
 * from the tuple. */
typedef struct {
    PyObject *weight;  /* float, or None: the character is no word */
    PyObject *follows; /* str */
    PyObject *group;
    PyObject *pairs;   /* dict: second character -> (counts, longest) */
} Start;

/* starts.get(ch) or start_of(ch) (a new reference, NULL on an error), its fields in *out. */
static PyObject *
start_read(PyObject *starts, PyObject *start_of, PyObject *ch, Start *out)
{
    PyObject *start = PyDict_GetItemWithError(starts, ch);
    if (start != NULL) {
        Py_INCREF(start);
    }
    else if (PyErr_Occurred() || (start = PyObject_CallOneArg(start_of, ch)) == NULL) {
        return NULL;
    }
    if (!PyTuple_Check(start) || PyTuple_GET_SIZE(start) != 4) {
        PyErr_SetString(PyExc_TypeError, "a _Start must be a tuple of four");
        Py_DECREF(start);
        return NULL;
    }
    out->weight = PyTuple_GET_ITEM(start, 0);
    out->follows = PyTuple_GET_ITEM(start, 1);
    out->group = PyTuple_GET_ITEM(start, 2);
    out->pairs = PyTuple_GET_ITEM(start, 3);
    if ((out->weight != Py_None && !PyFloat_Check(out->weight)) || !PyUnicode_Check(out->follows)
            || !PyDict_Check(out->pairs)) {
        PyErr_SetString(PyExc_TypeError, "a _Start's weight, follows or pairs of another type");
        Py_DECREF(start);
        return NULL;
    }
    return start;
}

/* math.log of a positive int count, as Python computes it: log(float(count)). */
static int
count_log(PyObject *count, double *out)
{
    double x = PyLong_AsDouble(count);
    if (x == -1.0 && PyErr_Occurred()) {
        return -1;
    }
    if (!(x > 0.0)) {
        PyErr_SetString(PyExc_ValueError, "math domain error");
        return -1;
    }
    *out = log(x);
    return 0;
}

/* The words beginning at k: start.pairs.get(clause[k + 1]), else pair_words(group, pair) when
 * the next character follows this one in some word; NULL without an error when none does.
 * A new reference. */
static PyObject *
words_at(PyObject *clause, Py_ssize_t k, const Start *start, PyObject *pair_words)
{
    PyObject *next = PyUnicode_Substring(clause, k + 1, k + 2);
    if (next == NULL) {
        return NULL;
    }
    PyObject *words = PyDict_GetItemWithError(start->pairs, next);
    if (words != NULL && words != Py_None) {
        Py_INCREF(words);
        Py_DECREF(next);
        return words;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(next);
        return NULL;
    }
    Py_UCS4 second = PyUnicode_READ_CHAR(next, 0);
    Py_DECREF(next);
    Py_ssize_t at = PyUnicode_FindChar(start->follows, second, 0, PyUnicode_GET_LENGTH(start->follows), 1);
    if (at == -2) {
        return NULL;
    }
    if (at < 0) {
        return NULL;
    }
    PyObject *pair = PyUnicode_Substring(clause, k, k + 2);
    if (pair == NULL) {
        return NULL;
    }
    words = PyObject_CallFunctionObjArgs(pair_words, start->group, pair, NULL);
    Py_DECREF(pair);
    if (words == Py_None) {
        Py_DECREF(words);
        return NULL;
    }
    return words;
}

/* The best score from k and where its first word ends, as the Python loop's body. */
static int
best_from(PyObject *clause, Py_ssize_t k, Py_ssize_t n, const Start *start, PyObject *pair_words,
          double logtotal, const double *score, double *best_out, Py_ssize_t *end_out)
{
    double after = score[k + 1];
    double best = start->weight == Py_None ? -INFINITY : PyFloat_AS_DOUBLE(start->weight) + after;
    Py_ssize_t end = k + 1;
    if (k + 1 < n) {
        PyObject *words = words_at(clause, k, start, pair_words);
        if (words == NULL && PyErr_Occurred()) {
            return -1;
        }
        if (words != NULL) {
            if (!PyTuple_Check(words) || PyTuple_GET_SIZE(words) != 2 || !PyDict_Check(PyTuple_GET_ITEM(words, 0))) {
                Py_DECREF(words);
                PyErr_SetString(PyExc_TypeError, "a pair's words must be (dict, int)");
                return -1;
            }
            PyObject *counts = PyTuple_GET_ITEM(words, 0);
            Py_ssize_t longest = PyLong_AsSsize_t(PyTuple_GET_ITEM(words, 1));
            if (longest == -1 && PyErr_Occurred()) {
                Py_DECREF(words);
                return -1;
            }
            Py_ssize_t last = k + longest < n ? k + longest : n;
            for (Py_ssize_t i = k + 2; i <= last; i++) {
                PyObject *word = PyUnicode_Substring(clause, k, i);
                if (word == NULL) {
                    Py_DECREF(words);
                    return -1;
                }
                PyObject *count = PyDict_GetItemWithError(counts, word);
                Py_DECREF(word);
                if (count == NULL) {
                    if (PyErr_Occurred()) {
                        Py_DECREF(words);
                        return -1;
                    }
                    continue;
                }
                int truth = PyObject_IsTrue(count);
                if (truth < 0) {
                    Py_DECREF(words);
                    return -1;
                }
                if (!truth) {
                    continue;
                }
                double logcount;
                if (count_log(count, &logcount) < 0) {
                    Py_DECREF(words);
                    return -1;
                }
                double s = (logcount - logtotal) + score[i];
                if (s >= best) {
                    best = s;
                    end = i;
                }
            }
            Py_DECREF(words);
        }
    }
    if (best == -INFINITY) { /* no word begins here: the character alone, counted once */
        best = (log(1.0) - logtotal) + after;
    }
    *best_out = best;
    *end_out = end;
    return 0;
}

/* Append v to list as an int. */
static int
append_index(PyObject *list, Py_ssize_t v)
{
    PyObject *item = PyLong_FromSsize_t(v);
    if (item == NULL) {
        return -1;
    }
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}

/* A run of single characters [alone, x): their ends, and the run itself in runs when it is
 * two or more long (token_ends decides those: a word, or jieba's HMM). */
static int
flush_singles(PyObject *ends, PyObject *runs, Py_ssize_t alone, Py_ssize_t x)
{
    if (x - alone > 1) {
        PyObject *run = Py_BuildValue("(nnn)", PyList_GET_SIZE(ends), alone, x);
        if (run == NULL || PyList_Append(runs, run) < 0) {
            Py_XDECREF(run);
            return -1;
        }
        Py_DECREF(run);
    }
    for (Py_ssize_t j = alone + 1; j <= x; j++) {
        if (append_index(ends, j) < 0) {
            return -1;
        }
    }
    return 0;
}

PyDoc_STRVAR(route_doc,
"route(clause, starts, start_of, pair_words, logtotal) -> (ends, runs)\n\n"
"The ends of the best route's words in a run of Han characters, each single character\n"
"its own, and runs: (index in ends, start, end) of each run of two or more single\n"
"characters, whose ends the caller decides.");

static PyObject *
route(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *clause, *starts, *start_of, *pair_words;
    double logtotal;
    if (!PyArg_ParseTuple(args, "UO!OOd:route", &clause, &PyDict_Type, &starts, &start_of, &pair_words, &logtotal)) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(clause);
    double *score = PyMem_Malloc((n + 1) * sizeof(double));
    Py_ssize_t *step = PyMem_Malloc((n + 1) * sizeof(Py_ssize_t));
    PyObject *ends = NULL, *runs = NULL;
    if (score == NULL || step == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    score[n] = 0.0;
    for (Py_ssize_t k = n - 1; k >= 0; k--) {
        PyObject *ch = PyUnicode_Substring(clause, k, k + 1);
        if (ch == NULL) {
            goto fail;
        }
        Start fields;
        PyObject *start = start_read(starts, start_of, ch, &fields);
        Py_DECREF(ch);
        if (start == NULL) {
            goto fail;
        }
        int rc = best_from(clause, k, n, &fields, pair_words, logtotal, score, &score[k], &step[k]);
        Py_DECREF(start);
        if (rc < 0) {
            goto fail;
        }
    }
    ends = PyList_New(0);
    runs = PyList_New(0);
    if (ends == NULL || runs == NULL) {
        goto fail;
    }
    Py_ssize_t x = 0, alone = -1; /* alone: where the current run of single characters began */
    while (x < n) {
        Py_ssize_t y = step[x];
        if (y - x == 1) {
            if (alone < 0) {
                alone = x;
            }
        }
        else {
            if (alone >= 0) {
                if (flush_singles(ends, runs, alone, x) < 0) {
                    goto fail;
                }
                alone = -1;
            }
            if (append_index(ends, y) < 0) {
                goto fail;
            }
        }
        x = y;
    }
    if (alone >= 0 && flush_singles(ends, runs, alone, n) < 0) {
        goto fail;
    }
    PyMem_Free(score);
    PyMem_Free(step);
    PyObject *result = PyTuple_Pack(2, ends, runs);
    Py_DECREF(ends);
    Py_DECREF(runs);
    return result;
fail:
    PyMem_Free(score);
    PyMem_Free(step);
    Py_XDECREF(ends);
    Py_XDECREF(runs);
    return NULL;
}

static PyMethodDef methods[] = {
    {"route", route, METH_VARARGS, route_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_best_route",
    "The segmenter's best route in C (see segmentation.LazyTokenizer.token_ends).",
    0, methods, NULL,
};

PyMODINIT_FUNC
PyInit__best_route(void)
{
    return PyModuleDef_Init(&definition);
}
