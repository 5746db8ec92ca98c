/* TYP013's screen (gongwen.analysis.char_screen) as one loop per character: the same questions
 * of the same arrays as the numpy path, asked place by place instead of array by array. On a
 * document of a few thousand characters the numpy path's cost is its ~400 calls, not their
 * elements; here a document costs one pass and the lookups its places need.
 *
 * The numpy path is the reference: every step below names the function of char_screen.py it
 * mirrors, computes its floating point in the same order, and tests/test_char_screen.py
 * compares the two over thousands of texts. Optional: when this does not build, char_screen
 * runs its numpy path. Plain CPython C API, arrays through the buffer protocol (no numpy
 * headers, so it builds without numpy and never imports it). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define FIBONACCI 0x9E3779B97F4A7C15ULL /* char_screen._FIBONACCI */
#define CODE_POINTS 0x110000

/* char_screen._HashIndex: linear probing from each key's home slot, an empty slot (-1) ends it. */
typedef struct {
    const int64_t *keys;
    const int32_t *index;
    Py_ssize_t size;
    int shift;
    int probes;
    Py_ssize_t limit;  /* the length of the array it indexes */
} HashIndex;

static Py_ssize_t
hash_slot(const HashIndex *h, int64_t key)
{
    /* numpy's arithmetic shift then mask equals the unsigned shift. */
    Py_ssize_t home = (Py_ssize_t)(((uint64_t)key * FIBONACCI) >> h->shift);
    for (int step = 0; step < h->probes; step++) {
        Py_ssize_t slot = home + step;
        if (slot >= h->size)
            return -1;
        int64_t seen = h->keys[slot];
        if (seen == key)
            return slot;
        if (seen < 0)
            return -1;
    }
    return -1;
}

static Py_ssize_t
hash_find(const HashIndex *h, int64_t key)
{
    Py_ssize_t slot = hash_slot(h, key);
    if (slot < 0)
        return -1;
    Py_ssize_t at = h->index[slot];
    return at >= 0 && at < h->limit ? at : -1;  /* a damaged cache file: never a read out of bounds */
}

/* The arrays of char_screen.ScreenArrays, in the order Model() takes them. */
enum {
    ID_OF, CHARS, HAN, UNIGRAM, BIGRAM_COUNTS, TRIGRAM_COUNTS, CONTINUATIONS, CONTEXT_BOUNDS,
    ALTERNATIVE, CANDIDATE_BOUNDS, CANDIDATE_IDS, CANDIDATE_GROUPS, HAS_ALTERNATIVE,
    BIGRAM_KEYS, BIGRAM_INDEX, TRIGRAM_KEYS, TRIGRAM_INDEX, CONTEXT_KEYS, CONTEXT_INDEX,
    N_ARRAYS
};
static const char *const array_names[N_ARRAYS] = {
    "id_of", "chars", "han", "unigram", "bigram_counts", "trigram_counts", "continuations",
    "context_bounds", "alternative", "candidate_bounds", "candidate_ids", "candidate_groups",
    "has_alternative", "bigrams.slot_keys", "bigrams.slot_index", "trigrams.slot_keys",
    "trigrams.slot_index", "contexts.slot_keys", "contexts.slot_index",
};
static const int array_itemsize[N_ARRAYS] = {8, 8, 1, 8, 8, 8, 8, 8, 1, 8, 8, 1, 1, 8, 4, 8, 4, 8, 4};

typedef struct {
    PyObject_HEAD
    Py_buffer views[N_ARRAYS];
    int held;  /* how many views are held (released on dealloc) */
    const int64_t *id_of, *chars, *unigram, *bigram_counts, *trigram_counts, *continuations;
    const int64_t *context_bounds, *candidate_bounds, *candidate_ids;
    const int8_t *alternative, *candidate_groups;
    const uint8_t *han, *has_alternative;
    Py_ssize_t id_count, base, most_candidates, continuation_count;
    double total;
    HashIndex bigrams, trigrams, contexts;
    double *gains;  /* per candidate of a place (_answering_places), most_candidates long */
    int64_t *alts;
} Model;

/* One screen's terms (char_screen.screen's arguments, SLACK, USUAL and BACK_OFF). */
typedef struct {
    double margin, gap, penalties[3], slack, back_off;
    int64_t usual;
} Terms;

/* One text as the screen sees it: per character its id and whether it is Han, and per start
 * whether the model knows the trigram there. */
typedef struct {
    Py_ssize_t n;
    int32_t *ids;
    uint8_t *han, *known;
} Text;

static inline int prev1(const Text *t, Py_ssize_t p) { return p >= 1 && t->han[p - 1]; }
static inline int next1(const Text *t, Py_ssize_t p) { return p + 1 < t->n && t->han[p + 1]; }
static inline int prev2(const Text *t, Py_ssize_t p) { return p >= 2 && t->han[p - 2] && t->han[p - 1]; }
static inline int next2(const Text *t, Py_ssize_t p) { return p + 2 < t->n && t->han[p + 2] && t->han[p + 1]; }

static int64_t
bigram(const Model *m, int64_t a, int64_t b)
{
    Py_ssize_t at = hash_find(&m->bigrams, a * m->base + b);
    return at < 0 ? 0 : m->bigram_counts[at];
}

static int64_t
trigram(const Model *m, int64_t a, int64_t b, int64_t c)
{
    Py_ssize_t at = hash_find(&m->trigrams, (a * m->base + b) * m->base + c);
    return at < 0 ? 0 : m->trigram_counts[at];
}

static int
trigram_known(const Model *m, int64_t a, int64_t b, int64_t c)
{
    return hash_slot(&m->trigrams, (a * m->base + b) * m->base + c) >= 0;
}

/* _log_scores: CharacterModel.log_score with the stupid back-off. */
static double
log_score(const Model *m, const Terms *terms, int64_t c2, int64_t c1, int64_t ch, int has2, int has1)
{
    int64_t tri = has2 ? trigram(m, c2, c1, ch) : 0;
    if (tri > 0) {
        int64_t context_pair = bigram(m, c2, c1);
        return log((double)tri / (double)(context_pair > tri ? context_pair : tri));
    }
    int64_t pair = has1 ? bigram(m, c1, ch) : 0;
    if (pair > 0) {
        double one = has2 ? terms->back_off : 1.0;
        int64_t unigram = m->unigram[c1];
        return log(one * (double)pair / (double)(unigram > pair ? unigram : pair));
    }
    double two = has2 ? terms->back_off * terms->back_off : has1 ? terms->back_off : 1.0;
    double count = (double)m->unigram[ch];
    return log(two * (count > 0.5 ? count : 0.5) / m->total);
}

/* _span_scores: CharacterModel.span_score at p with ch written there, summed in its order. */
static double
span_score(const Model *m, const Terms *terms, const Text *t, Py_ssize_t p, int64_t ch)
{
    int p1 = prev1(t, p), p2 = prev2(t, p), n1 = next1(t, p), n2 = next2(t, p);
    int64_t a = p2 ? t->ids[p - 2] : 0, b = p1 ? t->ids[p - 1] : 0;
    int64_t d = n1 ? t->ids[p + 1] : 0, e = n2 ? t->ids[p + 2] : 0;
    double score = log_score(m, terms, a, b, ch, p2, p1);
    score = score + (n1 ? log_score(m, terms, b, ch, d, p1, 1) : 0.0);
    score = score + (n2 ? log_score(m, terms, ch, d, e, n1, n1) : 0.0);
    return score;
}

/* _usual: alt written at p makes a usual pair with a neighbour. */
static int
usual(const Model *m, const Terms *terms, const Text *t, Py_ssize_t p, int64_t alt)
{
    return (prev1(t, p) && bigram(m, t->ids[p - 1], alt) >= terms->usual)
        || (next1(t, p) && bigram(m, alt, t->ids[p + 1]) >= terms->usual);
}

/* _fits: some trigram through p is known with alt written there. */
static int
fits(const Model *m, const Text *t, Py_ssize_t p, int64_t alt)
{
    return (prev2(t, p) && trigram_known(m, t->ids[p - 2], t->ids[p - 1], alt))
        || (prev1(t, p) && next1(t, p) && trigram_known(m, t->ids[p - 1], alt, t->ids[p + 1]))
        || (next2(t, p) && trigram_known(m, alt, t->ids[p + 1], t->ids[p + 2]));
}

/* _fitting_places, for one place: a continuation of one of its three contexts that is a
 * candidate, makes a usual pair and scores at least margin - slack better than the written. */
static int
fitting(const Model *m, const Terms *terms, const Text *t, Py_ssize_t p)
{
    int64_t w = t->ids[p];
    const int8_t *row = m->alternative + w * m->base;
    double written = 0.0, threshold = terms->margin - terms->slack;
    int scored = 0;
    for (int kind = 0; kind < 3; kind++) { /* _kinds_around */
        Py_ssize_t left, right;
        if (kind == 0) { if (!prev2(t, p)) continue; left = p - 2; right = p - 1; }
        else if (kind == 1) { if (!(prev1(t, p) && next1(t, p))) continue; left = p - 1; right = p + 1; }
        else { if (!next2(t, p)) continue; left = p + 1; right = p + 2; }
        Py_ssize_t at = hash_find(&m->contexts, (kind * m->base + t->ids[left]) * m->base + t->ids[right]);
        if (at < 0)
            continue;
        int64_t lo = m->context_bounds[at], hi = m->context_bounds[at + 1];
        if (lo < 0 || hi > m->continuation_count)
            continue;  /* a damaged cache file */
        for (int64_t k = lo; k < hi; k++) {
            int64_t alt = m->continuations[k];
            int group = alt >= 0 && alt < m->base ? row[alt] : 0;
            if (group <= 0 || group > 3 || !usual(m, terms, t, p, alt))
                continue;
            if (!scored) {
                written = span_score(m, terms, t, p, w);
                scored = 1;
            }
            double gain = span_score(m, terms, t, p, alt) - written - terms->penalties[group - 1];
            if (gain >= threshold)
                return 1;
        }
    }
    return 0;
}

/* _answering_places, for one place: whether the rule's search can answer there, and the
 * answer (a character id) where no doubt is left, else -1. */
static int
answering(Model *m, const Terms *terms, const Text *t, Py_ssize_t p, int64_t *answer)
{
    int64_t w = t->ids[p];
    int64_t lo = m->candidate_bounds[w], hi = m->candidate_bounds[w + 1];
    Py_ssize_t count = 0;
    double written = 0.0, best = -INFINITY;
    for (int64_t k = lo; k < hi; k++) {
        int64_t alt = m->candidate_ids[k];
        if (!usual(m, terms, t, p, alt))
            continue;
        if (!count)
            written = span_score(m, terms, t, p, w);
        double gain = span_score(m, terms, t, p, alt) - written - terms->penalties[m->candidate_groups[k] - 1];
        m->gains[count] = gain;
        m->alts[count++] = alt;
        if (gain > best)
            best = gain;
    }
    Py_ssize_t rivals = 0, near = 0;
    int top_fits = 0;
    int64_t top = -1;
    for (Py_ssize_t i = 0; i < count; i++) {
        double gain = m->gains[i];
        rivals += gain > best - terms->gap + terms->slack;  /* the best counts itself */
        near += gain > best - terms->gap - terms->slack;
        if (gain >= best - terms->slack) {
            top = m->alts[i];
            if (!top_fits && fits(m, t, p, top))
                top_fits = 1;
        }
    }
    if (!(best >= terms->margin - terms->slack && rivals <= 1 && top_fits))
        return 0;
    *answer = near == 1 && best >= terms->margin + terms->slack ? top : -1;
    return 1;
}

/* covered in screen(): a known trigram starts at p, p - 1 or p - 2. */
static int
covered(const Text *t, Py_ssize_t p)
{
    return t->known[p] || (p >= 1 && t->known[p - 1]) || (p >= 2 && t->known[p - 2]);
}

/* screen() for one text: {position: substitute or None}. */
static PyObject *
screen_text(Model *m, const Terms *terms, PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *found = PyDict_New();
    if (!found || n == 0)
        return found;
    Text t = {n, PyMem_New(int32_t, n), PyMem_Malloc(n), PyMem_Calloc(n, 1)};
    if (!t.ids || !t.han || !t.known) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t p = 0; p < n; p++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, p);
        t.ids[p] = (int32_t)m->id_of[c < (Py_UCS4)m->id_count ? (Py_ssize_t)c : m->id_count - 1];
        t.han[p] = m->han[c];
    }
    for (Py_ssize_t k = 0; k + 2 < n; k++)
        if (t.han[k] && t.han[k + 1] && t.han[k + 2])
            t.known[k] = (uint8_t)trigram_known(m, t.ids[k], t.ids[k + 1], t.ids[k + 2]);
    for (Py_ssize_t p = 0; p < n; p++) {
        int64_t answer;
        if (!t.han[p] || !(prev1(&t, p) || next1(&t, p)) || covered(&t, p) || !m->has_alternative[t.ids[p]])
            continue;
        if (!fitting(m, terms, &t, p) || !answering(m, terms, &t, p, &answer))
            continue;
        int64_t meant = answer >= 0 ? m->chars[answer] : 0;
        PyObject *key = PyLong_FromSsize_t(p);
        PyObject *value = meant ? PyUnicode_FromOrdinal((int)meant) : Py_NewRef(Py_None);
        int failed = !key || !value || PyDict_SetItem(found, key, value) < 0;
        Py_XDECREF(key);
        Py_XDECREF(value);
        if (failed)
            goto fail;
    }
    PyMem_Free(t.ids);
    PyMem_Free(t.han);
    PyMem_Free(t.known);
    return found;
fail:
    PyMem_Free(t.ids);
    PyMem_Free(t.han);
    PyMem_Free(t.known);
    Py_DECREF(found);
    return NULL;
}

static PyObject *
Model_screen(Model *self, PyObject *args)
{
    PyObject *texts;
    Terms terms;
    if (!PyArg_ParseTuple(args, "O!dd(ddd)dLd:screen", &PyList_Type, &texts, &terms.margin, &terms.gap,
                          &terms.penalties[0], &terms.penalties[1], &terms.penalties[2], &terms.slack,
                          &terms.usual, &terms.back_off))
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(texts);
    PyObject *result = PyList_New(count);
    if (!result)
        return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "screen: texts must be str");
            goto fail;
        }
        PyObject *found = screen_text(self, &terms, text);
        if (!found)
            goto fail;
        PyList_SET_ITEM(result, i, found);
    }
    return result;
fail:
    Py_DECREF(result);
    return NULL;
}

/* Model(arrays, shifts, probes, total): arrays in the order of array_names. A damaged cache
 * file must never make a read out of bounds: sizes and the small arrays are checked here, the
 * large ones (tens of MB, mapped: reading them all would cost every process) where they are
 * read. */
static int
check(int ok, const char *what)
{
    if (!ok)
        PyErr_Format(PyExc_ValueError, "char screen arrays: %s", what);
    return ok;
}

static int
in_range(const int64_t *values, Py_ssize_t count, int64_t lo, int64_t hi)
{
    for (Py_ssize_t i = 0; i < count; i++)
        if (values[i] < lo || values[i] >= hi)
            return 0;
    return 1;
}

static int
ascending_within(const int64_t *bounds, Py_ssize_t count, int64_t hi)
{
    for (Py_ssize_t i = 0; i < count; i++)
        if (bounds[i] < 0 || bounds[i] > hi || (i && bounds[i] < bounds[i - 1]))
            return 0;
    return 1;
}

static int
Model_init(Model *self, PyObject *args, PyObject *kwds)
{
    PyObject *arrays;
    int shifts[3], probes[3];
    long long total;
    static char *keywords[] = {"arrays", "shifts", "probes", "total", NULL};
    if (self->held) {
        PyErr_SetString(PyExc_TypeError, "Model is initialised once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!(iii)(iii)L:Model", keywords, &PyTuple_Type, &arrays,
                                     &shifts[0], &shifts[1], &shifts[2], &probes[0], &probes[1], &probes[2], &total))
        return -1;
    if (!check(PyTuple_GET_SIZE(arrays) == N_ARRAYS, "wrong number of arrays"))
        return -1;
    Py_ssize_t len[N_ARRAYS];
    for (int i = 0; i < N_ARRAYS; i++) {
        Py_buffer *view = &self->views[i];
        if (PyObject_GetBuffer(PyTuple_GET_ITEM(arrays, i), view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
            return -1;
        self->held++;
        if (view->itemsize != array_itemsize[i] || view->ndim != 1) {
            PyErr_Format(PyExc_ValueError, "char screen arrays: %s is not a flat array of %d-byte items",
                         array_names[i], array_itemsize[i]);
            return -1;
        }
        len[i] = view->shape[0];
    }
#define ARRAY(i) (self->views[i].buf)
    self->id_of = ARRAY(ID_OF);
    self->chars = ARRAY(CHARS);
    self->han = ARRAY(HAN);
    self->unigram = ARRAY(UNIGRAM);
    self->bigram_counts = ARRAY(BIGRAM_COUNTS);
    self->trigram_counts = ARRAY(TRIGRAM_COUNTS);
    self->continuations = ARRAY(CONTINUATIONS);
    self->context_bounds = ARRAY(CONTEXT_BOUNDS);
    self->alternative = ARRAY(ALTERNATIVE);
    self->candidate_bounds = ARRAY(CANDIDATE_BOUNDS);
    self->candidate_ids = ARRAY(CANDIDATE_IDS);
    self->candidate_groups = ARRAY(CANDIDATE_GROUPS);
    self->has_alternative = ARRAY(HAS_ALTERNATIVE);
    HashIndex *indexes[3] = {&self->bigrams, &self->trigrams, &self->contexts};
    Py_ssize_t limits[3] = {len[BIGRAM_COUNTS], len[TRIGRAM_COUNTS], len[CONTEXT_BOUNDS] - 1};
    for (int i = 0; i < 3; i++) {
        int keys = BIGRAM_KEYS + 2 * i;
        *indexes[i] = (HashIndex){ARRAY(keys), ARRAY(keys + 1), len[keys], shifts[i], probes[i], limits[i]};
        if (!check(len[keys + 1] == len[keys] && shifts[i] >= 1 && shifts[i] <= 63 && probes[i] >= 1,
                   "a hash index's parts disagree"))
            return -1;
    }
#undef ARRAY
    Py_ssize_t base = self->base = len[UNIGRAM];
    self->id_count = len[ID_OF];
    self->total = (double)total;
    if (!check(base >= 1 && base < (1 << 20) && total > 0, "no model")
        || !check(len[CHARS] == base && len[HAS_ALTERNATIVE] == base && len[CANDIDATE_BOUNDS] == base + 1
                  && len[ALTERNATIVE] == base * base && len[HAN] >= CODE_POINTS && self->id_count >= 1,
                  "sizes disagree with the model's characters")
        || !check(in_range(self->id_of, len[ID_OF], 0, base) && in_range(self->candidate_ids, len[CANDIDATE_IDS], 0, base)
                  && in_range(self->chars, base, 0, CODE_POINTS), "a character id out of range")
        || !check(ascending_within(self->candidate_bounds, base + 1, len[CANDIDATE_IDS])
                  && len[CANDIDATE_GROUPS] == len[CANDIDATE_IDS] && len[CONTEXT_BOUNDS] >= 1, "bounds out of range"))
        return -1;
    for (Py_ssize_t i = 0; i < len[CANDIDATE_GROUPS]; i++)
        if (!check(self->candidate_groups[i] >= 1 && self->candidate_groups[i] <= 3, "a candidate group out of range"))
            return -1;
    self->continuation_count = len[CONTINUATIONS];
    self->most_candidates = 1;
    for (Py_ssize_t w = 0; w < base; w++)
        if (self->candidate_bounds[w + 1] - self->candidate_bounds[w] > self->most_candidates)
            self->most_candidates = self->candidate_bounds[w + 1] - self->candidate_bounds[w];
    self->gains = PyMem_Malloc(self->most_candidates * sizeof(double));
    self->alts = PyMem_Malloc(self->most_candidates * sizeof(int64_t));
    if (!self->gains || !self->alts) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void
Model_dealloc(Model *self)
{
    for (int i = 0; i < self->held; i++)
        PyBuffer_Release(&self->views[i]);
    PyMem_Free(self->gains);
    PyMem_Free(self->alts);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef Model_methods[] = {
    {"screen", (PyCFunction)Model_screen, METH_VARARGS,
     "screen(texts, margin, runner_up_gap, penalties, slack, usual, back_off): per text, "
     "{position: substitute or None}, as char_screen's numpy path returns."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ModelType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._char_screen.Model",
    .tp_doc = "char_screen.ScreenArrays' arrays, held for the compiled screen.",
    .tp_basicsize = sizeof(Model),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Model_init,
    .tp_dealloc = (destructor)Model_dealloc,
    .tp_methods = Model_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_char_screen", "TYP013's screen, compiled (see char_screen.py).", -1, NULL,
};

PyMODINIT_FUNC
PyInit__char_screen(void)
{
    if (PyType_Ready(&ModelType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m && PyModule_AddObjectRef(m, "Model", (PyObject *)&ModelType) < 0)
        Py_CLEAR(m);
    return m;
}
