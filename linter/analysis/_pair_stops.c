/* The places where one of a set of listed two-character pairs stands right before a stop, found
 * by one loop over a text's code points (TYP019, gongwen.rules.clause_cut_pairs).
 *
 * TYP019 lists some 6,000 pairs (障体 of 保障体, 型升 of 转型升) that official writing never ends
 * a clause with. Round 21 found them with the class finder (_class_routes): a character that
 * opens some pair, one that closes some pair and a stop in a row. The common clause ends
 * (…发展，, …工作。) pair widely with the listed ones, so it stopped at ~27 places in 1,000
 * characters, none listed in practice, and each stop cost a return to Python, a slice and a set
 * lookup: 2.2% of the default run's instructions. Here the two characters before each stop are
 * looked up in an open-addressing hash table of the listed pairs, so Python sees only a listed
 * pair before a stop (six in 1.4 M characters of the speed corpus). The text's end is a stop
 * too (the rule reads it as a clause's end).
 *
 * The rule's ``re`` scan (``_BEFORE_STOP``, used where this does not build) is the reference:
 * tests/test_clause_cut_pairs.py compares the two, and both with the class finder's places,
 * over thousands of generated texts of each str kind. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define HAVE_SSE2 1
#else
#define HAVE_SSE2 0
#endif

#define BMP 65536
/* A text of two bytes a character (most Chinese text) is tested 8 characters at once against
 * at most this many stops (SSE2): the scan of 400 speed files 8.4 M instructions with the
 * lookups, against 18.6 M with the bits alone (callgrind). */
#define MAX_VECTOR_STOPS 8
#define FIBONACCI 0x9E3779B97F4A7C15ull /* multiplicative hashing (Knuth) */

typedef struct {
    PyObject_HEAD
    uint64_t stop[BMP / 64]; /* bit c: code point c is a stop (stops are BMP characters) */
    int stops;               /* how many; the vector test's when at most MAX_VECTOR_STOPS */
    uint16_t stop_list[MAX_VECTOR_STOPS];
    uint64_t *slots;         /* a pair's key, or 0: an empty slot */
    int shift;               /* a key's home slot: (key * FIBONACCI) >> shift */
    Py_ssize_t size;         /* slots, a power of two, at least four times the pairs */
} PairStops;

/* Two code points (each below 0x110000: 21 bits) as one key, never 0. */
static inline uint64_t
key_of(Py_UCS4 first, Py_UCS4 second)
{
    return ((uint64_t)first << 21 | second) + 1;
}

static inline int
listed(const PairStops *self, uint64_t key)
{
    Py_ssize_t mask = self->size - 1;
    for (Py_ssize_t s = (Py_ssize_t)((key * FIBONACCI) >> self->shift); self->slots[s]; s = (s + 1) & mask) {
        if (self->slots[s] == key) {
            return 1;
        }
    }
    return 0;
}

static void
pair_stops_dealloc(PairStops *self)
{
    PyMem_Free(self->slots);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
pair_stops_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *pairs, *stops;
    static char *names[] = {"pairs", "stops", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "UU", names, &pairs, &stops)) {
        return NULL;
    }
    Py_ssize_t chars = PyUnicode_GET_LENGTH(pairs);
    if (chars % 2) {
        PyErr_SetString(PyExc_ValueError, "pairs: two characters a pair, one after another");
        return NULL;
    }
    PairStops *self = (PairStops *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(stops); i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(stops, i);
        if (c >= BMP) {
            PyErr_SetString(PyExc_ValueError, "stops: characters of the Basic Multilingual Plane");
            Py_DECREF(self);
            return NULL;
        }
        if (!(self->stop[c >> 6] >> (c & 63) & 1)) {
            if (self->stops < MAX_VECTOR_STOPS) {
                self->stop_list[self->stops] = (uint16_t)c;
            }
            self->stops++;
        }
        self->stop[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    int bits = 4;
    while (((Py_ssize_t)1 << bits) < 2 * chars && bits < 40) { /* 4 slots a pair: 2 a character */
        bits++;
    }
    self->size = (Py_ssize_t)1 << bits;
    self->shift = 64 - bits;
    self->slots = PyMem_Calloc(self->size, sizeof(uint64_t));
    if (self->slots == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    int kind = PyUnicode_KIND(pairs);
    const void *data = PyUnicode_DATA(pairs);
    for (Py_ssize_t i = 0; i < chars; i += 2) {
        uint64_t key = key_of(PyUnicode_READ(kind, data, i), PyUnicode_READ(kind, data, i + 1));
        Py_ssize_t s = (Py_ssize_t)((key * FIBONACCI) >> self->shift);
        while (self->slots[s] && self->slots[s] != key) {
            s = (s + 1) & (self->size - 1);
        }
        self->slots[s] = key;
    }
    return (PyObject *)self;
}

#define IS_STOP(c) ((c) < BMP && (self->stop[(c) >> 6] >> ((c) & 63) & 1))

static int
append_place(PyObject *found, Py_ssize_t i)
{
    PyObject *at = PyLong_FromSsize_t(i);
    if (at == NULL || PyList_Append(found, at) < 0) {
        Py_XDECREF(at);
        return -1;
    }
    Py_DECREF(at);
    return 0;
}

/* Append i - 1 for each i in [from, n) (from >= 2) whose character is a stop and whose two
 * characters before are listed. */
#define SCAN(TYPE)                                                                         \
    do {                                                                                   \
        const TYPE *t = (const TYPE *)data;                                                \
        for (Py_ssize_t i = from; i < n; i++) {                                            \
            if (IS_STOP(t[i]) && listed(self, key_of(t[i - 2], t[i - 1]))                  \
                && append_place(found, i - 1) < 0) {                                       \
                return -1;                                                                 \
            }                                                                              \
        }                                                                                  \
    } while (0)

static int
scan_ucs1(const PairStops *self, const Py_UCS1 *data, Py_ssize_t from, Py_ssize_t n, PyObject *found)
{
    SCAN(Py_UCS1);
    return 0;
}

static int
scan_ucs4(const PairStops *self, const Py_UCS4 *data, Py_ssize_t from, Py_ssize_t n, PyObject *found)
{
    SCAN(Py_UCS4);
    return 0;
}

static int
scan_ucs2(const PairStops *self, const Py_UCS2 *data, Py_ssize_t from, Py_ssize_t n, PyObject *found)
{
#if HAVE_SSE2
    if (self->stops >= 1 && self->stops <= MAX_VECTOR_STOPS) {
        const Py_UCS2 *t = data;
        /* always eight compares, the list padded with its first stop: a loop of a run-time
         * count cost as much as the compares (callgrind) */
        __m128i stop[MAX_VECTOR_STOPS];
        for (int s = 0; s < MAX_VECTOR_STOPS; s++) {
            stop[s] = _mm_set1_epi16((short)self->stop_list[s < self->stops ? s : 0]);
        }
        for (; from + 8 <= n; from += 8) {
            __m128i v = _mm_loadu_si128((const __m128i *)(t + from));
            __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(v, stop[0]), _mm_cmpeq_epi16(v, stop[1])),
                                       _mm_or_si128(_mm_cmpeq_epi16(v, stop[2]), _mm_cmpeq_epi16(v, stop[3])));
            hit = _mm_or_si128(hit, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(v, stop[4]), _mm_cmpeq_epi16(v, stop[5])),
                                                 _mm_or_si128(_mm_cmpeq_epi16(v, stop[6]), _mm_cmpeq_epi16(v, stop[7]))));
            /* two bits a character: its first is bit 2i */
            for (unsigned mask = (unsigned)_mm_movemask_epi8(hit) & 0x5555u; mask; mask &= mask - 1) {
                Py_ssize_t i = from + (__builtin_ctz(mask) >> 1);
                if (listed(self, key_of(t[i - 2], t[i - 1])) && append_place(found, i - 1) < 0) {
                    return -1;
                }
            }
        }
    }
#endif
    SCAN(Py_UCS2);
    return 0;
}

static PyObject *
pair_stops_places(PairStops *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "places: the text must be str");
        return NULL;
    }
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text), failed = 0;
    const void *data = PyUnicode_DATA(text);
    if (n >= 3) {  /* a stop with two characters before it: from index 2 on */
        switch (kind) {
        case PyUnicode_1BYTE_KIND:
            failed = scan_ucs1(self, data, 2, n, found);
            break;
        case PyUnicode_2BYTE_KIND:
            failed = scan_ucs2(self, data, 2, n, found);
            break;
        default:
            failed = scan_ucs4(self, data, 2, n, found);
            break;
        }
    }
    /* the text's end is a stop too */
    if (!failed && n >= 2
        && listed(self, key_of(PyUnicode_READ(kind, data, n - 2), PyUnicode_READ(kind, data, n - 1)))) {
        failed = append_place(found, n - 1);
    }
    if (failed) {
        Py_DECREF(found);
        return NULL;
    }
    return found;
}

static PyMethodDef pair_stops_methods[] = {
    {"places", (PyCFunction)pair_stops_places, METH_O,
     "places(text): in order, the index of the second character of each listed pair that stands "
     "right before a stop or at the text's end."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject PairStopsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._pair_stops.PairStops",
    .tp_basicsize = sizeof(PairStops),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "PairStops(pairs, stops): pairs is a str of the listed pairs one after another (two "
              "characters each), stops a str of the stop characters (BMP).",
    .tp_new = pair_stops_new,
    .tp_dealloc = (destructor)pair_stops_dealloc,
    .tp_methods = pair_stops_methods,
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_pair_stops",
    "Listed character pairs right before a stop, in one loop (see gongwen.rules.clause_cut_pairs).",
    -1, NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__pair_stops(void)
{
    if (PyType_Ready(&PairStopsType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&PairStopsType);
    if (PyModule_AddObject(module, "PairStops", (PyObject *)&PairStopsType) < 0) {
        Py_DECREF(&PairStopsType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
