/* TYP024's screen (gongwen.analysis.real_word_slots.SlotTable.places): in one loop over a text
 * unit's code points, the places where a written word of the slot table stands with a left
 * context and a right context that both tell for some meant word of it (the meant word written
 * there MIN_CONTEXT times or more, the written word never: rules/real_words.py's _side), the
 * only places its judge can report.
 *
 * Round 27's screen was an Aho-Corasick pass in Rust over the 14,000 written words and a Python
 * comprehension over its matches: 153,000 matches over the first 400 speed files, each a Python
 * tuple and a slice looked up in a set, most of TYP024's +37 % of the default run's instructions.
 * Here a written word is a 64-bit key looked up in an open-addressing hash table built from the
 * listed words, and each side's context with the word (four code points of the Basic
 * Multilingual Plane, 16 bits each) a key looked up by bisection in a sorted array the Python
 * side maps from the user's cache folder; Python sees only the places that pass all three.
 *
 * The written word is read from the text as written, and each context character reduced as
 * real_word_slots.slot_text reduces it (``slot_class``: a decimal digit to DIGIT, a space or line
 * break to EDGE, a Latin, Greek or Cyrillic letter to LETTER, beyond the text EDGE), here, so
 * that the slotted copy (three `re` substitutions: ~185 M instructions of 400 files, half of the
 * rule's cost with this screen) is made only for a unit with a place that passes. A code point
 * beyond the BMP never makes a key (the table holds none; the Python side refuses a table that
 * does). A pair of characters that is no written word costs, nearly always, one bit of a
 * bitmap (PAIR_BITS).
 *
 * SlotTable's comprehension (places_reference) is the reference: tests/analysis/test_slot_screen.py
 * compares the rule's findings with each over thousands of generated texts. Optional: when
 * this does not build, the reference runs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define SIDE 2
/* What real_word_slots.slot_text reduces a non-Han character to (EDGE, DIGIT, LETTER there). */
#define EDGE 0x00B6  /* ¶: beyond the text, a line break or any space */
#define DIGIT '0'
#define LETTER 'a'
#define FIBONACCI 0x9E3779B97F4A7C15ull /* multiplicative hashing (Knuth) */
/* Each side's keys also set one bit of a bitmap of 2^BLOOM_BITS bits (a Bloom filter of one hash,
 * built at init from the sorted keys: 1 MB a side, ~1.5 M instructions), tested before the
 * bisection: of the ~150,000 written words the first 400 speed files hold, most have a context no
 * key holds, and their bisections (eighteen steps each) were ~60 M instructions of the run; with
 * 250,000 keys in 4 M bits about 6 % of those still bisect. */
#define BLOOM_BITS 22
/* The written words (14,000) set one bit each of 2^PAIR_BITS (128 KB), tested at every pair of
 * characters before the hash table: most pairs of a Chinese text are no written word, and a
 * bit costs a third of a probe (bitmaps of first and second characters let most pairs
 * through: the common characters begin and end some written word). */
#define PAIR_BITS 20

typedef struct {
    PyObject_HEAD
    uint64_t pairs[1 << (PAIR_BITS - 6)];  /* bloom_bit(word key, PAIR_BITS) of every written word */
    uint64_t *slots;   /* a written word's key, or 0: an empty slot */
    int shift;         /* a key's home slot: (key * FIBONACCI) >> shift */
    Py_ssize_t size;   /* slots, a power of two, at least four times the words */
    Py_buffer left;    /* sorted keys: l1 << 48 | l2 << 32 | w1 << 16 | w2 */
    Py_buffer right;   /* sorted keys: w1 << 48 | w2 << 32 | r1 << 16 | r2 */
    uint64_t *left_bloom, *right_bloom;  /* 2^BLOOM_BITS bits each: bloom_bit(key) of every key */
    int have_left, have_right;
} Screen;

/* Two code points (each below 0x110000: 21 bits) as one key, never 0 (real_word_slots.word_key). */
static inline uint64_t
word_key(Py_UCS4 first, Py_UCS4 second)
{
    return ((uint64_t)first << 21 | second) + 1;
}

static inline int
listed(const Screen *self, uint64_t key)
{
    Py_ssize_t mask = self->size - 1;
    for (Py_ssize_t s = (Py_ssize_t)((key * FIBONACCI) >> self->shift); self->slots[s]; s = (s + 1) & mask) {
        if (self->slots[s] == key) {
            return 1;
        }
    }
    return 0;
}

/* slot_text's class of a character: real_word_slots' _DIGIT (`re`'s \d: a Unicode decimal digit),
 * _SPACE (\s: a Unicode space) and _LETTER_CLASS, which this must list as it does. */
static inline Py_UCS4
slot_class(Py_UCS4 c)
{
    if (c >= 0x3400 && c <= 0x9FFF) {
        return c;  /* CJK ideographs (and extension A): no digit, space or letter; most characters asked */
    }
    if (Py_UNICODE_ISDECIMAL(c)) {
        return DIGIT;
    }
    if (Py_UNICODE_ISSPACE(c)) {
        return EDGE;
    }
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0x00C0 && c <= 0x00D6) || (c >= 0x00D8 && c <= 0x00F6)
        || (c >= 0x00F8 && c <= 0x024F) || (c >= 0x0370 && c <= 0x03FF) || (c >= 0x0400 && c <= 0x04FF)
        || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
        return LETTER;
    }
    return c;
}

static inline uint64_t
bloom_bit(uint64_t key, int bits)
{
    return (key * FIBONACCI) >> (64 - bits);
}

static uint64_t *
bloom_of(const Py_buffer *view)
{
    uint64_t *bits = PyMem_Calloc((size_t)1 << (BLOOM_BITS - 6), sizeof(uint64_t));
    if (bits == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    const uint64_t *keys = (const uint64_t *)view->buf;
    for (Py_ssize_t i = 0, n = view->len / (Py_ssize_t)sizeof(uint64_t); i < n; i++) {
        uint64_t b = bloom_bit(keys[i], BLOOM_BITS);
        bits[b >> 6] |= (uint64_t)1 << (b & 63);
    }
    return bits;
}

static inline int
side_has(const Py_buffer *view, const uint64_t *bloom, uint64_t key);

static inline int
sorted_has(const Py_buffer *view, uint64_t key)
{
    const uint64_t *keys = (const uint64_t *)view->buf;
    Py_ssize_t lo = 0, hi = view->len / (Py_ssize_t)sizeof(uint64_t);
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (keys[mid] < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < view->len / (Py_ssize_t)sizeof(uint64_t) && keys[lo] == key;
}

static inline int
side_has(const Py_buffer *view, const uint64_t *bloom, uint64_t key)
{
    uint64_t b = bloom_bit(key, BLOOM_BITS);
    return (bloom[b >> 6] >> (b & 63)) & 1 && sorted_has(view, key);
}

static int
take_sorted(PyObject *obj, Py_buffer *view, const char *what)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        return -1;
    }
    if (view->itemsize != 8 || view->len % 8 || view->format == NULL
        || (strcmp(view->format, "Q") != 0 && strcmp(view->format, "<Q") != 0 && strcmp(view->format, "=Q") != 0)) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_ValueError, "%s: a flat buffer of unsigned 64-bit integers is needed", what);
        return -1;
    }
    return 0;
}

static void
Screen_dealloc(Screen *self)
{
    PyMem_Free(self->slots);
    PyMem_Free(self->left_bloom);
    PyMem_Free(self->right_bloom);
    if (self->have_left) {
        PyBuffer_Release(&self->left);
    }
    if (self->have_right) {
        PyBuffer_Release(&self->right);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Screen_init(Screen *self, PyObject *args, PyObject *kwds)
{
    PyObject *words, *left, *right;
    static char *keywords[] = {"words", "left", "right", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOO", keywords, &words, &left, &right)) {
        return -1;
    }
    if (self->slots != NULL || self->have_left || self->have_right) {
        PyErr_SetString(PyExc_RuntimeError, "Screen is initialised once");
        return -1;
    }
    Py_buffer view;
    if (take_sorted(words, &view, "words") < 0) {
        return -1;
    }
    const uint64_t *keys = (const uint64_t *)view.buf;
    Py_ssize_t n = view.len / (Py_ssize_t)sizeof(uint64_t);
    Py_ssize_t size = 4;
    int bits = 2;
    while (size < 4 * n) {
        size <<= 1;
        bits++;
    }
    self->slots = PyMem_Calloc((size_t)size, sizeof(uint64_t));
    if (self->slots == NULL) {
        PyBuffer_Release(&view);
        PyErr_NoMemory();
        return -1;
    }
    self->size = size;
    self->shift = 64 - bits;
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t key = keys[i];
        if (key == 0) {
            PyBuffer_Release(&view);
            PyErr_SetString(PyExc_ValueError, "words: keys of word_key, never 0");
            return -1;
        }
        Py_ssize_t mask = size - 1, s = (Py_ssize_t)((key * FIBONACCI) >> self->shift);
        while (self->slots[s] && self->slots[s] != key) {
            s = (s + 1) & mask;
        }
        self->slots[s] = key;
        uint64_t b = bloom_bit(key, PAIR_BITS);
        self->pairs[b >> 6] |= (uint64_t)1 << (b & 63);
    }
    PyBuffer_Release(&view);
    if (take_sorted(left, &self->left, "left") < 0) {
        return -1;
    }
    self->have_left = 1;
    if (take_sorted(right, &self->right, "right") < 0) {
        return -1;
    }
    self->have_right = 1;
    self->left_bloom = bloom_of(&self->left);
    self->right_bloom = bloom_of(&self->right);
    return self->left_bloom != NULL && self->right_bloom != NULL ? 0 : -1;
}

/* text[j] as slot_text has it, EDGE beyond the text. */
static inline Py_UCS4
context_char(int kind, const void *data, Py_ssize_t n, Py_ssize_t j)
{
    return j < 0 || j >= n ? EDGE : slot_class(PyUnicode_READ(kind, data, j));
}

/* Whether the listed written word w1 w2 at text[k] has a left context and then a right one that
 * tell (the left side first: the right one is asked only for a word whose left side tells). */
static inline int
passes(const Screen *self, int kind, const void *data, Py_ssize_t n, Py_ssize_t k, Py_UCS4 w1, Py_UCS4 w2)
{
    uint64_t word = (uint64_t)w1 << 16 | w2;
    Py_UCS4 l1 = context_char(kind, data, n, k - 2), l2 = context_char(kind, data, n, k - 1);
    if (l1 > 0xFFFF || l2 > 0xFFFF
        || !side_has(&self->left, self->left_bloom, (uint64_t)l1 << 48 | (uint64_t)l2 << 32 | word)) {
        return 0;
    }
    Py_UCS4 r1 = context_char(kind, data, n, k + 2), r2 = context_char(kind, data, n, k + 3);
    return r1 <= 0xFFFF && r2 <= 0xFFFF && side_has(&self->right, self->right_bloom, word << 32 | (uint64_t)r1 << 16 | r2);
}

/* found.append(k); -1 (found released) on failure. */
static int
append(PyObject *found, Py_ssize_t k)
{
    PyObject *at = PyLong_FromSsize_t(k);
    if (at == NULL || PyList_Append(found, at) < 0) {
        Py_XDECREF(at);
        Py_DECREF(found);
        return -1;
    }
    Py_DECREF(at);
    return 0;
}

static PyObject *
Screen_places(Screen *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "places(text): text must be a str");
        return NULL;
    }
    if (self->slots == NULL || self->left_bloom == NULL || self->right_bloom == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Screen not initialised");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        return NULL;
    }
    if (kind == PyUnicode_2BYTE_KIND) {  /* most Chinese text: no switch on the kind per character */
        const Py_UCS2 *chars = (const Py_UCS2 *)data;
        for (Py_ssize_t k = 0; k + 1 < n; k++) {
            uint64_t key = word_key(chars[k], chars[k + 1]), b = bloom_bit(key, PAIR_BITS);
            if ((self->pairs[b >> 6] >> (b & 63)) & 1 && listed(self, key)
                && passes(self, kind, data, n, k, chars[k], chars[k + 1]) && append(found, k) < 0) {
                return NULL;
            }
        }
        return found;
    }
    Py_UCS4 w2 = n ? PyUnicode_READ(kind, data, 0) : 0;
    for (Py_ssize_t k = 0; k + 1 < n; k++) {
        Py_UCS4 w1 = w2;
        w2 = PyUnicode_READ(kind, data, k + 1);
        uint64_t key = word_key(w1, w2), b = bloom_bit(key, PAIR_BITS);
        if ((self->pairs[b >> 6] >> (b & 63)) & 1 && w1 <= 0xFFFF && w2 <= 0xFFFF && listed(self, key)
            && passes(self, kind, data, n, k, w1, w2) && append(found, k) < 0) {
            return NULL;
        }
    }
    return found;
}

static PyMethodDef Screen_methods[] = {
    {"places", (PyCFunction)Screen_places, METH_O,
     "places(text): in order, where a listed written word starts in text with a listed left "
     "context and a listed right context (each character as slot_text reduces it)."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScreenType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._slot_screen.Screen",
    .tp_basicsize = sizeof(Screen),
    .tp_dealloc = (destructor)Screen_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Screen(words, left, right): TYP024's places, from the written words' keys and the "
              "sorted left and right keys of the contexts that tell (flat buffers of unsigned 64-bit integers).",
    .tp_methods = Screen_methods,
    .tp_init = (initproc)Screen_init,
    .tp_new = PyType_GenericNew,
};

static struct PyModuleDef slot_screen_module = {
    PyModuleDef_HEAD_INIT, "_slot_screen", "TYP024's compiled screen.", -1, NULL,
};

PyMODINIT_FUNC
PyInit__slot_screen(void)
{
    if (PyType_Ready(&ScreenType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&slot_screen_module);
    if (m == NULL) {
        return NULL;
    }
    Py_INCREF(&ScreenType);
    if (PyModule_AddObject(m, "Screen", (PyObject *)&ScreenType) < 0) {
        Py_DECREF(&ScreenType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
