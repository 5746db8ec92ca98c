/* TYP023's screen (gongwen.rules.word_gaps): in one pass over a document, the runs of five or
 * more Han characters that hold a place where the rule's judge can find a dropped character,
 * so that the segmenter cuts only those runs (it cut every run: half the rule's cost).
 *
 * A place is a character p with two Han characters on each side that the judge asks about
 * (a "judged" character: the rule's _judged), whose centre trigram (p-1, p, p+1) the model has
 * never seen, and where some character x passes the judge's table tests for a gap before p or
 * after it (word_gaps._best_insertion: x written FOLLOWER+ times after the character before the
 * gap, every trigram over the filled gap seen, the other trigram over the gap as written at most
 * OTHER_SHARE of the filled one, the text that much likelier with it: GAIN, less a hair for the
 * last bit of a logarithm; and x makes with the piece a dictionary word counted COMMON_WORD times
 * or more, asked last, for the few x that pass the rest, of gap_words' sorted keys of exactly those
 * words); and the piece, as written, makes no common word of three or four characters with its
 * neighbours (the rule's _written_whole). Those are necessary conditions of a report, asked of the
 * same counts, so the screen keeps every run the rule can report in (tests/test_gap_screen.py
 * compares the rule with and without it). The segmentation and the score are left to the rule.
 *
 * The counts are char_screen's arrays (the model's bigrams, trigrams and a context's
 * continuations, packed hash tables), mapped from the user's cache folder as TYP013's compiled
 * screen maps them: the same layout, read here without writing. Optional: when this does not
 * build, the rule cuts every run. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define FIBONACCI 0x9E3779B97F4A7C15ULL /* char_screen._FIBONACCI */
#define CODE_POINTS 0x110000
#define SHORTEST_RUN 5 /* word_gaps._RUN: a word of two, the piece, a word of two */

typedef struct {
    const uint64_t *slots;
    Py_ssize_t size;
    int shift, value_bits;
} Table;

/* char_screen._packed_table's look-up: (key + 1) above value_bits, the value below, linear
 * probing from a Fibonacci home, no wrapping round. The value, 0 when the key is absent (every
 * count the tables hold is at least 1). */
static int64_t
table_get(const Table *t, int64_t key)
{
    uint64_t tag = (uint64_t)key + 1, mask = ((uint64_t)1 << t->value_bits) - 1;
    for (Py_ssize_t slot = (Py_ssize_t)(((uint64_t)key * FIBONACCI) >> t->shift); slot < t->size; slot++) {
        uint64_t entry = t->slots[slot];
        if (!entry)
            return 0;
        if (entry >> t->value_bits == tag)
            return (int64_t)(entry & mask);
    }
    return 0;
}

enum { ID_OF, HAN, UNIGRAM, BIGRAMS, TRIGRAMS, CONTEXTS, LAYOUT, CONTINUATIONS, N_ARRAYS };
static const char *const array_names[N_ARRAYS] = {
    "id_of", "han", "unigram", "bigrams.packed", "trigrams.packed", "contexts.packed", "packed_layout",
    "continuations16",
};
static const int array_itemsize[N_ARRAYS] = {8, 1, 8, 8, 8, 8, 8, 2};

typedef struct {
    PyObject_HEAD
    Py_buffer views[N_ARRAYS];
    int held;
    const int64_t *id_of, *unigram;
    const uint8_t *han;
    const uint16_t *continuations;
    Py_ssize_t id_count, base, continuation_count;
    Table bigrams, trigrams, contexts;
    int span_bits;
    uint8_t *judged, *numeral; /* per id */
    Py_UCS4 *chars; /* per id, its character (0 for the last id, any other character) */
    int64_t follower;
    double other_share, least_gain, back_off, total;
    Py_buffer words_view; /* gap_words.keys: the common words' keys (word_key), ascending */
    int words_held;
    const uint64_t *words;
    Py_ssize_t word_count;
} Screen;

/* Where a place stands in the text: the run [start, end) and the piece, for the word test. */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t start, end, piece;
} Where;

static inline int64_t
id_of(const Screen *s, Py_UCS4 c)
{
    return (Py_ssize_t)c < s->id_count ? s->id_of[c] : s->base - 1;
}

static inline int64_t
bigram(const Screen *s, int64_t a, int64_t b)
{
    return table_get(&s->bigrams, a * s->base + b);
}

static inline int64_t
trigram(const Screen *s, int64_t a, int64_t b, int64_t c)
{
    return table_get(&s->trigrams, (a * s->base + b) * s->base + c);
}

/* CharacterModel.log_score of ch after (p, q), with its stupid back-off, in the same order of
 * floating-point operations. */
static double
log_score(const Screen *s, int64_t p, int64_t q, int64_t ch)
{
    double factor = 1.0;
    int64_t seen = trigram(s, p, q, ch);
    if (seen) {
        int64_t base = bigram(s, p, q);
        return log(factor * (double)seen / (double)(base > seen ? base : seen));
    }
    factor *= s->back_off;
    seen = bigram(s, q, ch);
    if (seen) {
        int64_t base = s->unigram[q];
        return log(factor * (double)seen / (double)(base > seen ? base : seen));
    }
    factor *= s->back_off;
    return log(factor * (s->unigram[ch] > 0 ? (double)s->unigram[ch] : 0.5) / s->total);
}

/* word_gaps._best_insertion's gain: how much likelier (a, b, x, c, d) is than (a, b, c, d). */
static double
gain(const Screen *s, int64_t a, int64_t b, int64_t x, int64_t c, int64_t d)
{
    double filled = 0.0, written = 0.0;
    filled += log_score(s, a, b, x);
    filled += log_score(s, b, x, c);
    filled += log_score(s, x, c, d);
    written += log_score(s, a, b, c);
    written += log_score(s, b, c, d);
    return filled - written;
}

/* The continuations of a context (char_screen's three kinds: 0, the character after (p, q);
 * 1, the one between p and q; 2, the one before (p, q)): where they start, their number. */
static inline int64_t
span(const Screen *s, int kind, int64_t p, int64_t q, int64_t *count)
{
    int64_t value = table_get(&s->contexts, (kind * s->base + p) * s->base + q);
    int64_t start = value >> s->span_bits;
    *count = value & (((int64_t)1 << s->span_bits) - 1);
    if (!value || start < 0 || start + *count > s->continuation_count)
        *count = 0;
    return start;
}

#define LONGEST_WORD 4 /* word_gaps.LONGEST_WORD */

/* A word of two to four BMP characters (none 0) as one key: 16 bits a character, the first
 * highest, so that words of different lengths never share a key; 0 (no key) for any other. */
static uint64_t
word_key(const Py_UCS4 *chars, int n)
{
    uint64_t key = 0;
    for (int k = 0; k < n; k++) {
        if (!chars[k] || chars[k] > 0xFFFF)
            return 0;
        key = key << 16 | chars[k];
    }
    return key;
}

/* Whether the word chars[0:n] is counted COMMON_WORD times or more: its key among the common
 * words' (a binary search; a call into Python's word count cost ~2,000 instructions a word, the
 * search a few dozen). A word with no key (a character beyond the BMP) is none of them:
 * gap_words keeps no such word, and tests/test_gap_screen.py checks the dictionary has none. */
static int
common_word(const Screen *s, const Py_UCS4 *chars, int n)
{
    uint64_t key = word_key(chars, n);
    if (!key)
        return 0;
    Py_ssize_t lo = 0, hi = s->word_count;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (s->words[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->word_count && s->words[lo] == key;
}

/* word_gaps._word_with's test: whether x, inserted before text[at], makes with the piece (and what
 * stands beside them in the run) a dictionary word of two to LONGEST_WORD characters counted
 * COMMON_WORD times or more: 1 or 0. The judge asks the same within
 * the piece's window, which the run holds: the run can only make more words, never fewer. */
static int
makes_word(const Screen *s, const Where *w, Py_ssize_t at, Py_UCS4 x)
{
    Py_UCS4 chars[LONGEST_WORD];
    for (int before = 0; before < LONGEST_WORD; before++)
        for (int after = 0; after < LONGEST_WORD - before; after++) {
            if (before + after < 1 || at - before < w->start || at + after > w->end)
                continue;
            if (!(at - before <= w->piece && w->piece < at + after))
                continue;
            int n = 0;
            for (Py_ssize_t k = at - before; k < at; k++)
                chars[n++] = PyUnicode_READ(w->kind, w->data, k);
            chars[n++] = x;
            for (Py_ssize_t k = at; k < at + after; k++)
                chars[n++] = PyUnicode_READ(w->kind, w->data, k);
            if (common_word(s, chars, n))
                return 1;
        }
    return 0;
}

/* word_gaps._written_whole: whether the piece with the characters before or after it in the run,
 * as written, already makes a common word of three or four characters (塔式起重|机 of 起重机): the
 * rule reports no gap there, so the run need not be cut for it (asked only where place() keeps
 * one: a quarter of the kept runs held no other place, round 25). 1 or 0. */
static int
written_whole(const Screen *s, const Where *w)
{
    Py_UCS4 chars[LONGEST_WORD];
    for (int n = 3; n <= LONGEST_WORD; n++) {
        Py_ssize_t starts[2] = {w->piece - n + 1, w->piece};
        for (int k = 0; k < 2; k++) {
            if (starts[k] < w->start || starts[k] + n > w->end)
                continue;
            for (int j = 0; j < n; j++)
                chars[j] = PyUnicode_READ(w->kind, w->data, starts[k] + j);
            if (common_word(s, chars, n))
                return 1;
        }
    }
    return 0;
}

/* Whether some x fills a gap between b and c: x follows b FOLLOWER+ times, the trigrams
 * (a, b, x), (b, x, c) and (x, c, d) are seen, and the other trigram over the gap as written
 * (other) is at most other_share of (a, b, x) when the gap is before the piece (before), of
 * (x, c, d) when after it; and x makes a common dictionary word with the piece (makes_word, asked
 * last). x is one of each of three lists of continuations (after (a, b), between b and c,
 * before (c, d)): the shortest is read, most places have an empty one. 1 or 0. */
/* The shortest of the three lists of continuations x is read from (after (a, b), between b
 * and c, before (c, d)): where it starts, its length; 0 when one of them is empty (no x). */
static int64_t
shortest_list(const Screen *s, int64_t a, int64_t b, int64_t c, int64_t d, int64_t *length)
{
    int64_t count[3], start[3];
    *length = 0;
    start[0] = span(s, 0, a, b, &count[0]);
    if (!count[0])
        return 0;
    start[1] = span(s, 1, b, c, &count[1]);
    if (!count[1])
        return 0;
    start[2] = span(s, 2, c, d, &count[2]);
    if (!count[2])
        return 0;
    int shortest = count[0] <= count[1] ? (count[0] <= count[2] ? 0 : 2) : (count[1] <= count[2] ? 1 : 2);
    *length = count[shortest];
    return start[shortest];
}

/* The table tests and the gain of x in a gap between b and c (fills' first tests); *other, the
 * other trigram over the gap as written, asked once a place (-1 before). */
static int
passes_tables(const Screen *s, int64_t a, int64_t b, int64_t x, int64_t c, int64_t d, int before, int64_t *other)
{
    int64_t first = trigram(s, a, b, x), second = first ? trigram(s, b, x, c) : 0;
    int64_t third = second ? trigram(s, x, c, d) : 0;  /* each asked only while all are seen */
    if (!third || bigram(s, b, x) < s->follower)
        return 0;
    if (*other < 0)
        *other = before ? trigram(s, a, b, c) : trigram(s, b, c, d);
    if (*other > s->other_share * (double)(before ? first : third))
        return 0;
    return gain(s, a, b, x, c, d) >= s->least_gain;
}

static int
fills(const Screen *s, int64_t a, int64_t b, int64_t c, int64_t d, int before, const Where *w, Py_ssize_t at)
{
    int64_t length, start = shortest_list(s, a, b, c, d, &length), other = -1;
    for (int64_t k = start; k < start + length; k++) {
        int64_t x = s->continuations[k];
        if (!passes_tables(s, a, b, x, c, d, before, &other))
            continue;
        if (makes_word(s, w, at, s->chars[x]))
            return 1;
    }
    return 0;
}

/* At a place the screen keeps: every x that fills's tests pass in the gap between b and c, as a
 * str (in the order of the list read; empty when none, or for a numeral after the gap). The
 * judge tries only these (a superset of the characters it can accept there); a kept place is
 * rare, so the tests are asked again rather than remembered. NULL with an exception set. */
static PyObject *
filling(const Screen *s, int64_t a, int64_t b, int64_t c, int64_t d, int before, const Where *w, Py_ssize_t at)
{
    int64_t length = 0, start = s->numeral[c] ? 0 : shortest_list(s, a, b, c, d, &length), other = -1;
    Py_UCS4 *chars = PyMem_Malloc((size_t)(length ? length : 1) * sizeof(Py_UCS4));
    if (!chars)
        return PyErr_NoMemory();
    Py_ssize_t n = 0;
    for (int64_t k = start; k < start + length; k++) {
        int64_t x = s->continuations[k];
        if (!passes_tables(s, a, b, x, c, d, before, &other))
            continue;
        if (makes_word(s, w, at, s->chars[x]))
            chars[n++] = s->chars[x];
    }
    PyObject *found = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, n);
    PyMem_Free(chars);
    return found;
}

/* Whether the judge can find a gap beside the piece at ids[2] (ids: the five characters
 * around it; w->piece, its place in the text): 1 or 0. */
static int
place(const Screen *s, const int64_t *ids, const Where *w)
{
    if (!s->judged[ids[2]] || trigram(s, ids[1], ids[2], ids[3]))
        return 0;
    /* before the piece: x between ids[1] and ids[2], the other trigram (ids[0], ids[1], ids[2]) */
    if (!s->numeral[ids[2]]) {
        int found = fills(s, ids[0], ids[1], ids[2], ids[3], 1, w, w->piece);
        if (found)
            return 1;
    }
    /* after it: x between ids[2] and ids[3], the other trigram (ids[2], ids[3], ids[4]) */
    return s->numeral[ids[3]] ? 0 : fills(s, ids[1], ids[2], ids[3], ids[4], 0, w, w->piece + 1);
}

static PyObject *
screen_runs(Screen *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "runs(text): text must be str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *found = PyList_New(0);
    int64_t *ids = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(int64_t));
    if (!found || !ids) {
        Py_XDECREF(found);
        PyMem_Free(ids);
        return PyErr_NoMemory();
    }
    /* Each character's id, -1 for one that is no Han character: the text read once, by its kind
     * (a read by PyUnicode_READ per character and again per place, and the five ids around a
     * place shifted along a run, were two thirds of the walk: round 25). */
#define READ_IDS(TYPE)                                                                       \
    do {                                                                                     \
        const TYPE *chars = data;                                                            \
        for (Py_ssize_t k = 0; k < n; k++) {                                                 \
            Py_UCS4 c = chars[k];                                                            \
            ids[k] = c < CODE_POINTS && self->han[c] ? id_of(self, c) : -1;                  \
        }                                                                                    \
    } while (0)
    if (kind == PyUnicode_1BYTE_KIND)
        READ_IDS(Py_UCS1);
    else if (kind == PyUnicode_2BYTE_KIND)
        READ_IDS(Py_UCS2);
    else
        READ_IDS(Py_UCS4);
#undef READ_IDS
    Py_ssize_t i = 0;
    while (i < n) {
        if (ids[i] < 0) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        while (i < n && ids[i] >= 0)
            i++;
        if (i - start < SHORTEST_RUN)
            continue;
        PyObject *run = NULL;  /* borrowed from found once the run has a place */
        Where where = {kind, data, start, i, 0};
        for (Py_ssize_t p = start + 2; p + 2 < i; p++) {
            if (!self->judged[ids[p]])  /* most characters: place() asks it first too */
                continue;
            const int64_t *around = ids + p - 2;  /* the five characters around the place */
            where.piece = p;
            if (place(self, around, &where) && !written_whole(self, &where)) {
                /* the run's first place: (start, end) and the places after them */
                if (!run) {
                    run = PyList_New(0);
                    PyObject *bounds = Py_BuildValue("(nn)", start, i);
                    if (!run || !bounds || PyList_Append(found, run) < 0 || PyList_Append(run, bounds) < 0) {
                        Py_XDECREF(bounds);
                        Py_XDECREF(run);
                        goto fail;
                    }
                    Py_DECREF(bounds);
                    Py_DECREF(run);  /* found holds it */
                }
                /* (the place, the characters for a gap before it, those for one after it) */
                PyObject *before = filling(self, around[0], around[1], around[2], around[3], 1, &where, p);
                PyObject *after = before ? filling(self, around[1], around[2], around[3], around[4], 0, &where, p + 1) : NULL;
                PyObject *at = NULL;
                if (after)
                    at = Py_BuildValue("(nNN)", p, before, after);  /* N: both held by it, or released */
                else
                    Py_XDECREF(before);
                if (!at || PyList_Append(run, at) < 0) {
                    Py_XDECREF(at);
                    goto fail;
                }
                Py_DECREF(at);
            }
        }
    }
    PyMem_Free(ids);
    return found;
fail:
    PyMem_Free(ids);
    Py_DECREF(found);
    return NULL;
}

static int
Screen_init(Screen *self, PyObject *args, PyObject *kwds)
{
    PyObject *arrays, *excluded, *numerals, *words;
    long long judged_count, follower;
    double other_share, least_gain, back_off;
    static char *keywords[] = {"arrays", "excluded", "numerals", "judged_count", "follower", "other_share",
                               "least_gain", "back_off", "words", NULL};
    if (self->held || self->words_held) {
        PyErr_SetString(PyExc_TypeError, "Screen is initialised once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!UULLdddO:Screen", keywords, &PyDict_Type, &arrays, &excluded,
                                     &numerals, &judged_count, &follower, &other_share, &least_gain, &back_off,
                                     &words))
        return -1;
    if (PyObject_GetBuffer(words, &self->words_view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    self->words_held = 1;
    if (self->words_view.itemsize != 8 || self->words_view.ndim != 1) {
        PyErr_SetString(PyExc_ValueError, "gap screen words: not a flat array of 8-byte keys");
        return -1;
    }
    self->words = self->words_view.buf;
    self->word_count = self->words_view.shape[0];
    for (Py_ssize_t i = 1; i < self->word_count; i++)  /* the search needs them ascending */
        if (self->words[i - 1] >= self->words[i]) {
            PyErr_SetString(PyExc_ValueError, "gap screen words: keys not ascending");
            return -1;
        }
    Py_ssize_t len[N_ARRAYS];
    for (int i = 0; i < N_ARRAYS; i++) {
        PyObject *array = PyDict_GetItemString(arrays, array_names[i]);
        if (!array) {
            PyErr_Format(PyExc_ValueError, "gap screen arrays: %s missing", array_names[i]);
            return -1;
        }
        if (PyObject_GetBuffer(array, &self->views[i], PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
            return -1;
        self->held++;
        if (self->views[i].itemsize != array_itemsize[i] || self->views[i].ndim != 1) {
            PyErr_Format(PyExc_ValueError, "gap screen arrays: %s is not a flat array of %d-byte items",
                         array_names[i], array_itemsize[i]);
            return -1;
        }
        len[i] = self->views[i].shape[0];
    }
    self->id_of = self->views[ID_OF].buf;
    self->unigram = self->views[UNIGRAM].buf;
    self->han = self->views[HAN].buf;
    self->continuations = self->views[CONTINUATIONS].buf;
    self->id_count = len[ID_OF];
    self->continuation_count = len[CONTINUATIONS];
    const int64_t *layout = self->views[LAYOUT].buf;
    int64_t base = 0;
    for (Py_ssize_t i = 0; i < len[ID_OF]; i++)
        base = self->id_of[i] >= base ? self->id_of[i] + 1 : base;
    self->base = base; /* the last id is any other character: the largest id_of holds */
    if (len[LAYOUT] != 7 || len[HAN] < CODE_POINTS || base < 1 || len[UNIGRAM] != base) {
        PyErr_SetString(PyExc_ValueError, "gap screen arrays: no model");
        return -1;
    }
    for (Py_ssize_t i = 0; i < len[ID_OF]; i++)
        if (self->id_of[i] < 0) {
            PyErr_SetString(PyExc_ValueError, "gap screen arrays: a character id out of range");
            return -1;
        }
    Table *tables[3] = {&self->bigrams, &self->trigrams, &self->contexts};
    for (int i = 0; i < 3; i++) {
        *tables[i] = (Table){self->views[BIGRAMS + i].buf, len[BIGRAMS + i], (int)layout[2 * i], (int)layout[2 * i + 1]};
        if (tables[i]->shift < 1 || tables[i]->shift > 63 || tables[i]->value_bits < 1 || tables[i]->value_bits > 62
            || (Py_ssize_t)(((uint64_t)1 << (64 - tables[i]->shift))) > tables[i]->size) {
            PyErr_SetString(PyExc_ValueError, "gap screen arrays: a table's layout");
            return -1;
        }
    }
    self->span_bits = (int)layout[6];
    if (self->span_bits < 0 || self->span_bits > 40) {
        PyErr_SetString(PyExc_ValueError, "gap screen arrays: span bits");
        return -1;
    }
    self->judged = PyMem_Calloc((size_t)base, 1);
    self->numeral = PyMem_Calloc((size_t)base, 1);
    self->chars = PyMem_Calloc((size_t)base, sizeof(Py_UCS4));
    if (!self->judged || !self->numeral || !self->chars) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t c = 0; c < len[ID_OF]; c++)
        if (self->id_of[c] < base - 1)
            self->chars[self->id_of[c]] = (Py_UCS4)c;
    /* word_gaps._judged: seen judged_count times or more (never the last id, any other
     * character), and not excluded (function characters, numerals, characters written alone) */
    for (Py_ssize_t i = 0; i < base - 1; i++)
        self->judged[i] = self->unigram[i] >= judged_count;
    PyObject *sets[2] = {excluded, numerals};
    for (int k = 0; k < 2; k++) {
        Py_ssize_t m = PyUnicode_GET_LENGTH(sets[k]);
        for (Py_ssize_t i = 0; i < m; i++) {
            Py_UCS4 c = PyUnicode_READ_CHAR(sets[k], i);
            if ((Py_ssize_t)c < self->id_count && self->id_of[c] < base - 1) {
                self->judged[self->id_of[c]] = 0;
                if (k == 1)
                    self->numeral[self->id_of[c]] = 1;
            }
        }
    }
    self->follower = follower;
    self->other_share = other_share;
    self->least_gain = least_gain;
    self->back_off = back_off;
    double total = 0.0;
    int64_t sum = 0;
    for (Py_ssize_t i = 0; i < base; i++) {
        if (self->unigram[i] < 0) {
            PyErr_SetString(PyExc_ValueError, "gap screen arrays: a negative count");
            return -1;
        }
        sum += self->unigram[i];
    }
    total = (double)sum;
    if (total <= 0) {
        PyErr_SetString(PyExc_ValueError, "gap screen arrays: no characters counted");
        return -1;
    }
    self->total = total;
    return 0;
}

static void
Screen_dealloc(Screen *self)
{
    for (int i = 0; i < self->held; i++)
        PyBuffer_Release(&self->views[i]);
    PyMem_Free(self->judged);
    PyMem_Free(self->numeral);
    PyMem_Free(self->chars);
    if (self->words_held)
        PyBuffer_Release(&self->words_view);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef Screen_methods[] = {
    {"runs", (PyCFunction)screen_runs, METH_O,
     "runs(text): for each run of five or more Han characters that holds a place the judge can "
     "find a dropped character beside, in order, a list: (start, end), then each such place as "
     "(place, characters for a gap before it, characters for a gap after it)."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScreenType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._gap_screen.Screen",
    .tp_basicsize = sizeof(Screen),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Screen(arrays, excluded, numerals, judged_count, follower, other_share, least_gain, back_off, "
              "words): arrays as char_screen maps them; excluded, characters never judged; numerals, those not "
              "before a gap either; the judge's terms; words, the ascending keys (gap_words.word_key) of the "
              "dictionary words the character must make.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Screen_init,
    .tp_dealloc = (destructor)Screen_dealloc,
    .tp_methods = Screen_methods,
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_gap_screen",
    "The runs where TYP023's judge can find a dropped character, in one loop (see gongwen.rules.word_gaps).",
    -1, NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__gap_screen(void)
{
    if (PyType_Ready(&ScreenType) < 0)
        return NULL;
    PyObject *module = PyModule_Create(&definition);
    if (!module)
        return NULL;
    Py_INCREF(&ScreenType);
    if (PyModule_AddObject(module, "Screen", (PyObject *)&ScreenType) < 0) {
        Py_DECREF(&ScreenType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
