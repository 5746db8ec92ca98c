/* Where a route's match may start, found by one loop over a text's code points
 * (gongwen.analysis.class_routes).
 *
 * A route (gongwen.analysis.routing) is a short pattern searched in the whole text of every
 * document: a numeral before 年 or 月, 19xx or 20xx before a character other than 年. Such a
 * pattern is a few sequences of character classes of fixed length, and a match starts where one
 * of them matches. The stdlib `re` search reads 3-4 ns a character when its first class holds
 * common characters (digits, 一, 十): ~10-14 ms per route over the benchmark's 1,000 files.
 * Here every character of the Basic Multilingual Plane maps to a kind (one byte; characters
 * beyond it are kind 0), a kind to the mask of the classes that hold it (class i: bit i), and
 * the sequences are listed by the kinds their first class holds; `find` tries at each place only
 * the sequences its character may open.
 *
 * Most characters open no sequence, so the loop first skips to one that does: a bit a BMP code
 * point (8 KB, `opens`), and before it, in a text of one or two bytes a character, a test of 8
 * or 16 characters at once (SSE2) against at most MAX_RANGES ranges of code points that hold
 * every opening character (PUN001's marks in four, the paired marks in four, the lunar words'
 * first characters in six of one); a
 * character the ranges let through is checked against the bits. Openers too spread out to be
 * held by a few short ranges (the numerals: 一 to 零 over the whole CJK block) are skipped with
 * the bits alone. `search` drives the pattern's `match` from here, so that a route costs one
 * call from Python however many places the finder stops at.
 *
 * class_routes.plain_find is the reference: tests/analysis/test_class_routes.py compares the two
 * over thousands of texts of each str kind, and each route's sequences, search, finditer and
 * findall with its `re` pattern's. Optional: when this does not build, routes are searched with `re`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define HAVE_SSE2 1
#else
#define HAVE_SSE2 0
#endif

#define KINDS 256
#define BMP 65536
#define MAX_LENGTH 32
/* The opening characters are held by at most this many ranges (each costs 3 vector
 * instructions a block of 8 or 16 characters; the bits alone cost ~7 instructions a character),
 * or no vector test: */
#define MAX_RANGES 8
/* ... merged from at most this many runs of openers, */
#define MAX_RUNS 64
/* ... covering at most this many characters that open nothing (letting through a character
 * that opens nothing costs a bit test). */
#define MAX_SLACK 256

typedef struct {
    PyObject_HEAD
    uint8_t kind[BMP];
    uint64_t member[KINDS];
    uint64_t opens[BMP / 64];  /* bit c: the kind of c opens a sequence */
    int zero_opens;            /* kind 0 opens one (a character beyond the BMP does) */
    int ranges;                /* the vector test's ranges; 0: none */
    uint16_t low[MAX_RANGES], span[MAX_RANGES];  /* range r: low[r] to low[r] + span[r] */
    Py_ssize_t count;       /* sequences */
    uint8_t *length;        /* per sequence */
    uint8_t *classes;       /* per sequence, MAX_LENGTH class numbers */
    Py_ssize_t first[KINDS + 1];  /* the sequences a kind opens: opening[first[k]:first[k + 1]] */
    Py_ssize_t *opening;
} Finder;

static void
finder_dealloc(Finder *self)
{
    PyMem_Free(self->length);
    PyMem_Free(self->classes);
    PyMem_Free(self->opening);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
read_members(Finder *self, PyObject *members)
{
    PyObject *seq = PySequence_Fast(members, "members must be a sequence");
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n > KINDS) {
        PyErr_Format(PyExc_ValueError, "members: at most %d kinds", KINDS);
        Py_DECREF(seq);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned long long v = PyLong_AsUnsignedLongLong(PySequence_Fast_GET_ITEM(seq, i));
        if (v == (unsigned long long)-1 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
        self->member[i] = (uint64_t)v;
    }
    Py_DECREF(seq);
    return 0;
}

/* Each sequence is a bytes object of class numbers (0-63), 1 to MAX_LENGTH of them. */
static int
read_sequences(Finder *self, PyObject *sequences)
{
    PyObject *seq = PySequence_Fast(sequences, "sequences must be a sequence");
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    self->count = n;
    self->length = PyMem_Calloc(n ? n : 1, 1);
    self->classes = PyMem_Calloc(n ? n : 1, MAX_LENGTH);
    self->opening = PyMem_Calloc(n ? n * KINDS : 1, sizeof(Py_ssize_t));
    if (self->length == NULL || self->classes == NULL || self->opening == NULL) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, s);
        if (!PyBytes_Check(item) || PyBytes_GET_SIZE(item) < 1 || PyBytes_GET_SIZE(item) > MAX_LENGTH) {
            PyErr_Format(PyExc_ValueError, "a sequence is 1 to %d class numbers (bytes)", MAX_LENGTH);
            Py_DECREF(seq);
            return -1;
        }
        const uint8_t *cls = (const uint8_t *)PyBytes_AS_STRING(item);
        for (Py_ssize_t i = 0; i < PyBytes_GET_SIZE(item); i++) {
            if (cls[i] > 63) {
                PyErr_SetString(PyExc_ValueError, "a class number is 0 to 63");
                Py_DECREF(seq);
                return -1;
            }
            self->classes[s * MAX_LENGTH + i] = cls[i];
        }
        self->length[s] = (uint8_t)PyBytes_GET_SIZE(item);
    }
    Py_DECREF(seq);
    /* the sequences each kind opens, in the order given */
    Py_ssize_t at = 0;
    for (int k = 0; k < KINDS; k++) {
        self->first[k] = at;
        for (Py_ssize_t s = 0; s < n; s++) {
            if (self->member[k] >> self->classes[s * MAX_LENGTH] & 1) {
                self->opening[at++] = s;
            }
        }
    }
    self->first[KINDS] = at;
    return 0;
}

#define OPENS(c) (self->opens[(c) >> 6] >> ((c) & 63) & 1)

/* The bits of the opening characters, and the ranges of the vector test: the runs of openers,
 * the two nearest joined until MAX_RANGES are left, kept when they let through at most
 * MAX_SLACK characters that open nothing. */
static void
read_openers(Finder *self)
{
    uint32_t low[MAX_RUNS], high[MAX_RUNS];
    int runs = 0;
    long openers = 0;
    uint8_t opens_kind[KINDS];
    for (int k = 0; k < KINDS; k++) {
        opens_kind[k] = self->first[k] < self->first[k + 1];
    }
    self->zero_opens = opens_kind[0];
    /* 64 characters at a time: most are kind 0 (built once a route, but at start-up) */
    for (uint32_t w = 0; w < BMP / 64; w++) {
        const uint8_t *kinds = self->kind + w * 64;
        uint64_t named = 0, bits = 0;
        for (int b = 0; b < 64; b += 8) {
            uint64_t eight;
            memcpy(&eight, kinds + b, 8);
            named |= eight;
        }
        if (named == 0) {
            self->opens[w] = self->zero_opens ? ~(uint64_t)0 : 0;
            continue;
        }
        for (int b = 0; b < 64; b++) {
            bits |= (uint64_t)opens_kind[kinds[b]] << b;
        }
        self->opens[w] = bits;
    }
    if (self->zero_opens) {
        self->ranges = 0;  /* nearly every character opens one */
        return;
    }
    for (uint32_t w = 0; w < BMP / 64 && runs <= MAX_RUNS; w++) {
        for (uint32_t b = 0; b < 64 && self->opens[w] >> b; b++) {
            if (!(self->opens[w] >> b & 1)) {
                continue;
            }
            uint32_t c = w * 64 + b;
            openers++;
            if (runs && high[runs - 1] + 1 == c) {
                high[runs - 1] = c;
            }
            else if (runs < MAX_RUNS) {
                low[runs] = high[runs] = c;
                runs++;
            }
            else {
                runs = MAX_RUNS + 1;  /* too spread out for ranges */
                break;
            }
        }
    }
    self->ranges = 0;
    if (self->zero_opens || runs == 0 || runs > MAX_RUNS) {
        return;
    }
    while (runs > MAX_RANGES) {
        int nearest = 0;
        for (int r = 1; r + 1 < runs; r++) {
            if (low[r + 1] - high[r] < low[nearest + 1] - high[nearest]) {
                nearest = r;
            }
        }
        high[nearest] = high[nearest + 1];
        for (int r = nearest + 1; r + 1 < runs; r++) {
            low[r] = low[r + 1];
            high[r] = high[r + 1];
        }
        runs--;
    }
    long held = 0;
    for (int r = 0; r < runs; r++) {
        held += (long)(high[r] - low[r]) + 1;
    }
    if (held - openers > MAX_SLACK) {
        return;
    }
    for (int r = 0; r < runs; r++) {
        self->low[r] = (uint16_t)low[r];
        self->span[r] = (uint16_t)(high[r] - low[r]);
    }
    self->ranges = runs;
}

static PyObject *
finder_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Py_buffer kinds;
    PyObject *members, *sequences;
    static char *names[] = {"kinds", "members", "sequences", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "y*OO", names, &kinds, &members, &sequences)) {
        return NULL;
    }
    if (kinds.len != BMP) {
        PyBuffer_Release(&kinds);
        PyErr_SetString(PyExc_ValueError, "kinds must be 65536 bytes, one per BMP code point");
        return NULL;
    }
    Finder *self = (Finder *)type->tp_alloc(type, 0);
    if (self == NULL) {
        PyBuffer_Release(&kinds);
        return NULL;
    }
    memcpy(self->kind, kinds.buf, BMP);
    PyBuffer_Release(&kinds);
    if (read_members(self, members) < 0 || read_sequences(self, sequences) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    read_openers(self);
    return (PyObject *)self;
}

/* The first place in [p, end) whose character opens a sequence, or end: one loop per str kind. */

static inline Py_ssize_t
skip_ucs1(const Finder *self, const Py_UCS1 *t, Py_ssize_t p, Py_ssize_t end)
{
#if HAVE_SSE2
    if (self->ranges) {
        __m128i low[MAX_RANGES], span[MAX_RANGES];
        int ranges = 0;
        for (int r = 0; r < self->ranges && self->low[r] < 256; r++) {
            unsigned high = (unsigned)self->low[r] + self->span[r];
            low[ranges] = _mm_set1_epi8((char)self->low[r]);
            span[ranges] = _mm_set1_epi8((char)((high < 256 ? high : 255) - self->low[r]));
            ranges++;
        }
        if (ranges == 0) {
            return end;  /* no opener is a Latin-1 character */
        }
        const __m128i zero = _mm_setzero_si128();
        for (; p + 16 <= end; p += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(t + p));
            __m128i hit = zero;
            for (int r = 0; r < ranges; r++) {
                __m128i d = _mm_sub_epi8(v, low[r]);  /* in the range: d <= span, unsigned */
                hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_subs_epu8(d, span[r]), zero));
            }
            unsigned mask = (unsigned)_mm_movemask_epi8(hit);
            for (; mask; mask &= mask - 1) {
                Py_ssize_t at = p + __builtin_ctz(mask);
                if (OPENS(t[at])) {
                    return at;
                }
            }
        }
    }
#endif
    while (p < end && !OPENS(t[p])) {
        p++;
    }
    return p;
}

static inline Py_ssize_t
skip_ucs2(const Finder *self, const Py_UCS2 *t, Py_ssize_t p, Py_ssize_t end)
{
#if HAVE_SSE2
    if (self->ranges) {
        __m128i low[MAX_RANGES], span[MAX_RANGES];
        int ranges = self->ranges;
        for (int r = 0; r < ranges; r++) {
            low[r] = _mm_set1_epi16((short)self->low[r]);
            span[r] = _mm_set1_epi16((short)self->span[r]);
        }
        const __m128i zero = _mm_setzero_si128();
        for (; p + 8 <= end; p += 8) {
            __m128i v = _mm_loadu_si128((const __m128i *)(t + p));
            __m128i hit = zero;
            for (int r = 0; r < ranges; r++) {
                __m128i d = _mm_sub_epi16(v, low[r]);  /* in the range: d <= span, unsigned */
                hit = _mm_or_si128(hit, _mm_cmpeq_epi16(_mm_subs_epu16(d, span[r]), zero));
            }
            /* two bits a character: its first is bit 2i */
            unsigned mask = (unsigned)_mm_movemask_epi8(hit) & 0x5555u;
            for (; mask; mask &= mask - 1) {
                Py_ssize_t at = p + (__builtin_ctz(mask) >> 1);
                if (OPENS(t[at])) {
                    return at;
                }
            }
        }
    }
#endif
    while (p < end && !OPENS(t[p])) {
        p++;
    }
    return p;
}

static inline Py_ssize_t
skip_ucs4(const Finder *self, const Py_UCS4 *t, Py_ssize_t p, Py_ssize_t end)
{
    while (p < end && !(t[p] < BMP ? OPENS(t[p]) : (uint64_t)self->zero_opens)) {
        p++;
    }
    return p;
}

#define DIRECT(c) (self->kind[(c)])
#define WIDE(c) ((c) < BMP ? self->kind[(c)] : 0u)

/* The first place p in [pos, end) where a sequence matches text[p:p + length] (every character
 * inside end), or -1. */
#define FIND(TYPE, KIND_OF, SKIP)                                                      \
    do {                                                                             \
        const TYPE *t = (const TYPE *)data;                                          \
        for (Py_ssize_t p = pos; (p = SKIP(self, t, p, end)) < end; p++) {           \
            unsigned k = KIND_OF(t[p]);                                              \
            for (Py_ssize_t j = self->first[k]; j < self->first[k + 1]; j++) {       \
                Py_ssize_t s = self->opening[j];                                     \
                Py_ssize_t len = self->length[s];                                    \
                if (p + len > end) {                                                 \
                    continue;                                                        \
                }                                                                    \
                const uint8_t *cls = self->classes + s * MAX_LENGTH;                 \
                Py_ssize_t i = 1;                                                    \
                while (i < len && (self->member[KIND_OF(t[p + i])] >> cls[i] & 1)) { \
                    i++;                                                             \
                }                                                                    \
                if (i == len) {                                                      \
                    return p;                                                        \
                }                                                                    \
            }                                                                        \
        }                                                                            \
    } while (0)

/* pos and end as re reads pos and endpos: clamped to the text (an end below pos finds none). */
static Py_ssize_t
find_in(const Finder *self, PyObject *text, Py_ssize_t pos, Py_ssize_t end)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (pos < 0) {
        pos = 0;
    }
    if (end > n) {
        end = n;
    }
    const void *data = PyUnicode_DATA(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        FIND(Py_UCS1, DIRECT, skip_ucs1);
        break;
    case PyUnicode_2BYTE_KIND:
        FIND(Py_UCS2, DIRECT, skip_ucs2);
        break;
    default:
        FIND(Py_UCS4, WIDE, skip_ucs4);
        break;
    }
    return -1;
}

/* (text, pos=0, endpos=sys.maxsize) from args[0:nargs]: 0 or -1 with an exception set. */
static int
read_place(PyObject *const *args, Py_ssize_t nargs, const char *name, PyObject **text,
           Py_ssize_t *pos, Py_ssize_t *end)
{
    if (nargs < 1 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "%s: text, pos=0, endpos=sys.maxsize", name);
        return -1;
    }
    if (!PyUnicode_Check(args[0])) {
        PyErr_Format(PyExc_TypeError, "%s: the text must be str", name);
        return -1;
    }
    *text = args[0];
    *pos = 0;
    *end = PY_SSIZE_T_MAX;
    if (nargs > 1 && (*pos = PyNumber_AsSsize_t(args[1], PyExc_OverflowError)) == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (nargs > 2 && (*end = PyNumber_AsSsize_t(args[2], PyExc_OverflowError)) == -1 && PyErr_Occurred()) {
        return -1;
    }
    return 0;
}

static PyObject *
finder_find(Finder *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *text;
    Py_ssize_t pos, end;
    if (read_place(args, nargs, "find", &text, &pos, &end) < 0) {
        return NULL;
    }
    return PyLong_FromSsize_t(find_in(self, text, pos, end));
}

/* match(text, at, end): the pattern's match there (a new reference, Py_None when none). */
static PyObject *
match_at(PyObject *match, PyObject *text, Py_ssize_t at, Py_ssize_t end)
{
    PyObject *args[3] = {text, PyLong_FromSsize_t(at), PyLong_FromSsize_t(end)};
    PyObject *m = NULL;
    if (args[1] != NULL && args[2] != NULL) {
        m = PyObject_Vectorcall(match, args, 3, NULL);
    }
    Py_XDECREF(args[1]);
    Py_XDECREF(args[2]);
    return m;
}

/* The first match of match(text, at, end) at a place the finder stops at in [pos, end), or
 * Py_None: the pattern's search when a match starts only where a sequence matches. */
static PyObject *
first_match(const Finder *self, PyObject *match, PyObject *text, Py_ssize_t pos, Py_ssize_t end)
{
    for (Py_ssize_t at = find_in(self, text, pos, end); at >= 0; at = find_in(self, text, at + 1, end)) {
        PyObject *m = match_at(match, text, at, end);
        if (m != Py_None) {
            return m;  /* a match, or NULL with an exception */
        }
        Py_DECREF(m);
    }
    Py_RETURN_NONE;
}

static PyObject *
finder_search(Finder *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *text;
    Py_ssize_t pos, end;
    if (nargs < 1 || read_place(args + 1, nargs - 1, "search", &text, &pos, &end) < 0) {
        if (nargs < 1) {
            PyErr_SetString(PyExc_TypeError, "search: match, text, pos=0, endpos=sys.maxsize");
        }
        return NULL;
    }
    return first_match(self, args[0], text, pos, end);
}

static PyMethodDef finder_methods[] = {
    {"find", (PyCFunction)(void (*)(void))finder_find, METH_FASTCALL,
     "find(text, pos=0, endpos=sys.maxsize): the first place in [pos, endpos) where a sequence "
     "matches, every character before endpos; -1 if none."},
    {"search", (PyCFunction)(void (*)(void))finder_search, METH_FASTCALL,
     "search(match, text, pos=0, endpos=sys.maxsize): the first of match(text, p, endpos) that is "
     "not None at the places p find gives from pos on, or None."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject FinderType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._class_routes.Finder",
    .tp_basicsize = sizeof(Finder),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Finder(kinds, members, sequences): kinds is 65536 bytes (a kind per BMP code point), "
              "members a 64-bit class mask per kind, sequences bytes of class numbers.",
    .tp_new = finder_new,
    .tp_dealloc = (destructor)finder_dealloc,
    .tp_methods = finder_methods,
};

static PyObject *
finder_ranges(PyObject *Py_UNUSED(module), PyObject *finder)
{
    if (!PyObject_TypeCheck(finder, &FinderType)) {
        PyErr_SetString(PyExc_TypeError, "vector_ranges: a Finder");
        return NULL;
    }
    Finder *self = (Finder *)finder;
    PyObject *found = PyList_New(0);
    for (int r = 0; found != NULL && r < self->ranges; r++) {
        PyObject *pair = Py_BuildValue("(ii)", self->low[r], self->low[r] + self->span[r]);
        if (pair == NULL || PyList_Append(found, pair) < 0) {
            Py_XDECREF(pair);
            Py_CLEAR(found);
            break;
        }
        Py_DECREF(pair);
    }
    return found;
}

static PyMethodDef module_methods[] = {
    {"vector_ranges", finder_ranges, METH_O,
     "vector_ranges(finder): the (first, last) code points of the ranges the vector test lets "
     "through (empty: every character is tested against the bits); for the tests."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_class_routes",
    "Where a route's match may start, in one loop (see gongwen.analysis.class_routes).",
    -1, module_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__class_routes(void)
{
    if (PyType_Ready(&FinderType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&FinderType);
    if (PyModule_AddObject(module, "Finder", (PyObject *)&FinderType) < 0) {
        Py_DECREF(&FinderType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
