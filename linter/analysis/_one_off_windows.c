/* The candidate places of TYP015 (one_off.variant_places) in one pass over a text's code points.
 *
 * A window is three Han characters in a row inside a run of Han characters (runs of three or
 * more, none holding a skipped character). A window written once is a candidate where it
 * differs in one place from windows the text writes twice or more. Round 22 measured the
 * Python pass at ~0.9 s self for 30 files (a slice, a Counter entry and three open keys built
 * for every window): most of TYP015's cost, since nearly every window is the text's own and
 * needs no more than a count. Here each window is three code points packed in one 64-bit key,
 * counted in an open-addressing table; each window written twice or more is indexed under its
 * three keys with one place open (the place's character not excluded); then each window
 * written once asks its three open keys. Python sees only the candidates.
 *
 * one_off.reference_variant_places is the reference: tests/test_one_off_windows.py compares
 * the two over random texts of every str kind. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

#define BMP 65536
#define WINDOW 3
#define FIBONACCI 0x9E3779B97F4A7C15ull /* multiplicative hashing (Knuth) */
#define GAP 0x1FFFFFu                   /* the open place of a key: no code point (21 bits) */
#define PAIR_HASH_BITS 14
#define PAIR_SLOTS (1 << PAIR_HASH_BITS)

/* A set of code points: bits for the BMP, a sorted array for the rest (rare). */
typedef struct {
    uint64_t bmp[BMP / 64];
    Py_UCS4 *astral;
    Py_ssize_t astral_n;
} CharSet;

/* A growing open-addressing map of 64-bit keys (never 0) to values, kept across texts: what the
 * alike test and the pair counts have read from their files. */
typedef struct {
    uint64_t *keys;
    int64_t *values;
    Py_ssize_t mask, used;
} Memo;

/* A data file's lines ``<char>\t<rest>``, sorted by code point, indexed on first use. */
typedef struct {
    PyObject *bytes;      /* the file's bytes (a reference held) */
    Py_ssize_t lines;     /* -1: not indexed yet */
    Py_UCS4 *keys;        /* each line's character */
    Py_ssize_t *rest, *end; /* where its rest starts and where the line ends */
} Lines;

/* A reading packed in one integer: pinyin without tones is at most 8 bytes of UTF-8. */
#define MAX_READINGS 8
typedef struct {
    int n;
    uint64_t reading[MAX_READINGS];
} Readings;

typedef struct Pass Pass;

/* A BMP code point's classes, one byte each: a look-up a character instead of a set's. */
#define HAN 1
#define SKIPPED 2
#define EXCLUDED 4
#define NUMERAL 8

typedef struct {
    PyObject_HEAD
    uint8_t classes[BMP];
    Pass *pass;                    /* the work of a pass, kept between texts */
    Memo alike_pairs;              /* two code points -> whether alike */
    CharSet skip, excluded, numerals;
    Lines alike_lines, pair_lines; /* alike_chars.txt, official_bigrams.txt */
    Memo entries;                  /* code point -> its index in ``readings`` (+1: read) */
    Readings *readings;
    Py_ssize_t nreadings, readings_size;
    Memo listed;                   /* (char, char a line of alike_chars.txt lists) -> 1 */
    Memo pair_counts;              /* two code points -> official_bigrams.txt's count */
    int usual, parallel, long_side;
    uint64_t han[BMP / 64];      /* Script=Han in the BMP */
    Py_UCS4 *han_lo, *han_hi;    /* and its astral ranges, inclusive, sorted */
    Py_ssize_t han_ranges;
} Windows;

static int
cmp_ucs4(const void *a, const void *b)
{
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

static int
set_fill(CharSet *set, PyObject *chars)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    set->astral = PyMem_Malloc((n ? n : 1) * sizeof(Py_UCS4));
    if (set->astral == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(chars, i);
        if (c < BMP) {
            set->bmp[c >> 6] |= (uint64_t)1 << (c & 63);
        } else {
            set->astral[set->astral_n++] = c;
        }
    }
    qsort(set->astral, set->astral_n, sizeof(Py_UCS4), cmp_ucs4);
    return 0;
}

static inline int
in_set(const CharSet *set, Py_UCS4 c)
{
    if (c < BMP) {
        return set->bmp[c >> 6] >> (c & 63) & 1;
    }
    return set->astral_n && bsearch(&c, set->astral, set->astral_n, sizeof(Py_UCS4), cmp_ucs4) != NULL;
}

static inline int
is_han(const Windows *self, Py_UCS4 c)
{
    if (c < BMP) {
        return self->classes[c] & HAN;
    }
    Py_ssize_t lo = 0, hi = self->han_ranges; /* the first astral range starting after c */
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (self->han_lo[mid] <= c) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo > 0 && c <= self->han_hi[lo - 1];
}

/* Whether c has the class ``bit`` (a BMP code point) or is in ``set`` (any other). */
static inline int
has_class(const Windows *self, Py_UCS4 c, uint8_t bit, const CharSet *set)
{
    return c < BMP ? self->classes[c] & bit : in_set(set, c);
}

static int
memo_init(Memo *memo)
{
    memo->mask = 1023;
    memo->used = 0;
    memo->keys = PyMem_Calloc(memo->mask + 1, sizeof(uint64_t));
    memo->values = PyMem_Malloc((memo->mask + 1) * sizeof(int64_t));
    return memo->keys == NULL || memo->values == NULL ? -1 : 0;
}

static void
memo_free(Memo *memo)
{
    PyMem_Free(memo->keys);
    PyMem_Free(memo->values);
}

static inline Py_ssize_t
memo_slot(const Memo *memo, uint64_t key)
{
    Py_ssize_t s = (Py_ssize_t)((key * FIBONACCI) >> 40) & memo->mask;
    while (memo->keys[s] && memo->keys[s] != key) {
        s = (s + 1) & memo->mask;
    }
    return s;
}

/* The value of ``key``, or -1 when the memo lacks it. */
static inline int64_t
memo_get(const Memo *memo, uint64_t key)
{
    Py_ssize_t s = memo_slot(memo, key);
    return memo->keys[s] ? memo->values[s] : -1;
}

static int
memo_put(Memo *memo, uint64_t key, int64_t value)
{
    if (2 * (memo->used + 1) > memo->mask + 1) { /* at most half full: grow */
        Memo bigger = {NULL, NULL, 2 * memo->mask + 1, 0};
        bigger.keys = PyMem_Calloc(bigger.mask + 1, sizeof(uint64_t));
        bigger.values = PyMem_Malloc((bigger.mask + 1) * sizeof(int64_t));
        if (bigger.keys == NULL || bigger.values == NULL) {
            memo_free(&bigger);
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t s = 0; s <= memo->mask; s++) {
            if (memo->keys[s]) {
                Py_ssize_t b = memo_slot(&bigger, memo->keys[s]);
                bigger.keys[b] = memo->keys[s];
                bigger.values[b] = memo->values[s];
            }
        }
        bigger.used = memo->used;
        memo_free(memo);
        *memo = bigger;
    }
    Py_ssize_t s = memo_slot(memo, key);
    if (!memo->keys[s]) {
        memo->keys[s] = key;
        memo->used++;
    }
    memo->values[s] = value;
    return 0;
}

/* The code point whose UTF-8 starts at p (valid UTF-8: the lexicon's files are), and its length. */
static inline Py_UCS4
utf8_at(const unsigned char *p, int *length)
{
    if (p[0] < 0x80) {
        *length = 1;
        return p[0];
    }
    if (p[0] < 0xE0) {
        *length = 2;
        return (Py_UCS4)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
    }
    if (p[0] < 0xF0) {
        *length = 3;
        return (Py_UCS4)(p[0] & 0x0F) << 12 | (Py_UCS4)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    }
    *length = 4;
    return (Py_UCS4)(p[0] & 0x07) << 18 | (Py_UCS4)(p[1] & 0x3F) << 12 | (Py_UCS4)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
}

static int
utf8_of(Py_UCS4 c, unsigned char *out)
{
    if (c < 0x80) {
        out[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (unsigned char)(0xC0 | c >> 6);
        out[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (unsigned char)(0xE0 | c >> 12);
        out[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | c >> 18);
    out[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

static void
lines_free(Lines *lines)
{
    Py_CLEAR(lines->bytes);
    PyMem_Free(lines->keys);
    PyMem_Free(lines->rest);
    PyMem_Free(lines->end);
}

/* Index the lines (after the # header): one memchr a line, once a process. */
static int
lines_index(Lines *lines)
{
    const unsigned char *data = (const unsigned char *)PyBytes_AS_STRING(lines->bytes);
    Py_ssize_t size = PyBytes_GET_SIZE(lines->bytes), count = 0, capacity = 1024, at = 0;
    lines->keys = PyMem_Malloc(capacity * sizeof(Py_UCS4));
    lines->rest = PyMem_Malloc(capacity * sizeof(Py_ssize_t));
    lines->end = PyMem_Malloc(capacity * sizeof(Py_ssize_t));
    if (lines->keys == NULL || lines->rest == NULL || lines->end == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    while (at < size) {
        const unsigned char *nl = memchr(data + at, '\n', size - at);
        Py_ssize_t end = nl ? nl - data : size;
        if (end > at && data[at] != '#') {
            if (count == capacity) {
                capacity *= 2;
                Py_UCS4 *keys = PyMem_Realloc(lines->keys, capacity * sizeof(Py_UCS4));
                if (keys) lines->keys = keys;
                Py_ssize_t *rest = PyMem_Realloc(lines->rest, capacity * sizeof(Py_ssize_t));
                if (rest) lines->rest = rest;
                Py_ssize_t *ends = PyMem_Realloc(lines->end, capacity * sizeof(Py_ssize_t));
                if (ends) lines->end = ends;
                if (keys == NULL || rest == NULL || ends == NULL) {
                    PyErr_NoMemory();
                    return -1;
                }
            }
            int length;
            lines->keys[count] = utf8_at(data + at, &length);
            lines->rest[count] = at + length + 1; /* past the tab */
            lines->end[count] = end;
            count++;
        }
        at = end + 1;
    }
    lines->lines = count;
    return 0;
}

/* The line of ``c``: its index, -1 when there is none, -2 on an error. */
static Py_ssize_t
lines_find(Lines *lines, Py_UCS4 c)
{
    if (lines->lines < 0 && lines_index(lines) < 0) {
        return -2;
    }
    Py_ssize_t lo = 0, hi = lines->lines;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (lines->keys[mid] < c) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < lines->lines && lines->keys[lo] == c ? lo : -1;
}

static inline uint64_t
pair_key(Py_UCS4 a, Py_UCS4 b)
{
    return ((uint64_t)a << 21 | b) + 1;
}

/* The readings of ``c`` (alike_chars.txt's second field), its listed characters put in
 * ``listed`` on the way: NULL on an error. */
static const Readings *
readings_of(Windows *self, Py_UCS4 c)
{
    static const Readings none = {0, {0}};
    int64_t known = memo_get(&self->entries, c + 1);
    if (known >= 0) {
        return known ? &self->readings[known - 1] : &none;
    }
    Py_ssize_t line = lines_find(&self->alike_lines, c);
    if (line == -2) {
        return NULL;
    }
    if (line == -1) {
        return memo_put(&self->entries, c + 1, 0) < 0 ? NULL : &none;
    }
    if (self->nreadings == self->readings_size) {
        Py_ssize_t size = self->readings_size ? 2 * self->readings_size : 256;
        Readings *grown = PyMem_Realloc(self->readings, size * sizeof(Readings));
        if (grown == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        self->readings = grown;
        self->readings_size = size;
    }
    Readings *r = &self->readings[self->nreadings];
    r->n = 0;
    const unsigned char *data = (const unsigned char *)PyBytes_AS_STRING(self->alike_lines.bytes);
    Py_ssize_t at = self->alike_lines.rest[line], end = self->alike_lines.end[line];
    while (at < end && data[at] != '\t') { /* readings, space-separated */
        uint64_t packed = 0;
        int bytes = 0;
        for (; at < end && data[at] != ' ' && data[at] != '\t'; at++) {
            if (bytes < 8) {
                packed = packed << 8 | data[at];
            }
            bytes++;
        }
        if (bytes > 8 || r->n == MAX_READINGS) {
            PyErr_SetString(PyExc_ValueError, "alike_chars.txt: a reading longer than 8 bytes or more than 8 readings");
            return NULL;
        }
        r->reading[r->n++] = packed;
        if (at < end && data[at] == ' ') {
            at++;
        }
    }
    for (at++; at < end;) { /* the listed characters */
        int length;
        Py_UCS4 y = utf8_at(data + at, &length);
        if (memo_put(&self->listed, pair_key(c, y), 1) < 0) {
            return NULL;
        }
        at += length;
    }
    self->nreadings++;
    return memo_put(&self->entries, c + 1, self->nreadings) < 0 ? NULL : r;
}

/* one_off.alike: 1, 0, or -1 on an error. */
static int
alike(Windows *self, Py_UCS4 a, Py_UCS4 b)
{
    const Readings *ra = readings_of(self, a), *rb = ra ? readings_of(self, b) : NULL;
    if (rb == NULL) {
        return -1;
    }
    ra = readings_of(self, a); /* again: reading b may have moved the array */
    for (int x = 0; x < ra->n; x++) {
        for (int y = 0; y < rb->n; y++) {
            if (ra->reading[x] == rb->reading[y]) {
                return 1;
            }
        }
    }
    return memo_get(&self->listed, pair_key(a, b)) >= 0 || memo_get(&self->listed, pair_key(b, a)) >= 0;
}

/* official_bigrams.txt's count of the pair (a, b) (evidence.Bigrams.count): the item headed by
 * b in a's line, 0 if none; -1 on an error. */
static int64_t
pair_count(Windows *self, Py_UCS4 a, Py_UCS4 b)
{
    uint64_t key = pair_key(a, b);
    int64_t known = memo_get(&self->pair_counts, key);
    if (known >= 0) {
        return known;
    }
    int64_t count = 0;
    Py_ssize_t line = lines_find(&self->pair_lines, a);
    if (line == -2) {
        return -1;
    }
    if (line >= 0) {
        const unsigned char *data = (const unsigned char *)PyBytes_AS_STRING(self->pair_lines.bytes);
        Py_ssize_t at = self->pair_lines.rest[line], end = self->pair_lines.end[line];
        unsigned char head[5];
        int length = utf8_of(b, head);
        /* an item's head is at the rest's start or after a space: digits never are */
        while (at + length <= end) {
            if (memcmp(data + at, head, length) == 0) {
                for (at += length; at < end && data[at] >= '0' && data[at] <= '9'; at++) {
                    count = count * 10 + (data[at] - '0');
                }
                break;
            }
            const unsigned char *space = memchr(data + at, ' ', end - at);
            if (space == NULL) {
                break;
            }
            at = space - data + 1;
        }
    }
    return memo_put(&self->pair_counts, key, count) < 0 ? -1 : count;
}

/* evidence's _seldom: 1 when the pair is written fewer than ``usual`` times, -1 on an error. */
static inline int
seldom(Windows *self, Py_UCS4 a, Py_UCS4 b)
{
    int64_t count = pair_count(self, a, b);
    return count < 0 ? -1 : count < self->usual;
}

/* Three code points (each below 0x200000: 21 bits) as one key, never 0. */
static inline uint64_t
key_of(Py_UCS4 a, Py_UCS4 b, Py_UCS4 c)
{
    return ((uint64_t)a << 42 | (uint64_t)b << 21 | c) + 1;
}

/* A hash of two code points, for pair_places. */
static inline Py_ssize_t
pair_hash(Py_UCS4 x, Py_UCS4 y)
{
    return (Py_ssize_t)((((uint64_t)x << 21 | y) * FIBONACCI) >> (64 - PAIR_HASH_BITS));
}

/* An open-addressing table of keys; the caller keeps what goes with a slot in its own arrays. */
typedef struct {
    uint64_t *keys; /* 0: an empty slot */
    Py_ssize_t mask;
    int shift;
} Table;

static int
table_init(Table *table, Py_ssize_t items)
{
    int bits = 4;
    while (((Py_ssize_t)1 << bits) < 2 * items && bits < 48) { /* at most half full */
        bits++;
    }
    table->mask = ((Py_ssize_t)1 << bits) - 1;
    table->shift = 64 - bits;
    table->keys = PyMem_Calloc(table->mask + 1, sizeof(uint64_t));
    return table->keys == NULL ? -1 : 0;
}

/* The slot of ``key``: its own, or the empty one where it goes (*found says which). */
static inline Py_ssize_t
table_slot(const Table *table, uint64_t key, int *found)
{
    Py_ssize_t s = (Py_ssize_t)((key * FIBONACCI) >> table->shift);
    while (table->keys[s] && table->keys[s] != key) {
        s = (s + 1) & table->mask;
    }
    *found = table->keys[s] != 0;
    return s;
}

/* A repeated window offered at a candidate: its first offset and how often it is written. */
typedef struct {
    Py_ssize_t first;
    int32_t count;
} Form;

/* The text the comparison reads: set before each qsort, which calls no Python (the GIL is held). */
static const Py_UCS4 *sorted_text;

/* Written more often first, then by code points: Python's sort by (-count, form). */
static int
cmp_forms(const void *a, const void *b)
{
    const Form *x = a, *y = b;
    if (x->count != y->count) {
        return x->count > y->count ? -1 : 1;
    }
    for (int k = 0; k < WINDOW; k++) {
        Py_UCS4 cx = sorted_text[x->first + k], cy = sorted_text[y->first + k];
        if (cx != cy) {
            return cx < cy ? -1 : 1;
        }
    }
    return 0;
}

/* One candidate: (offset, window as written, place, [(form, times), ...] in cmp_forms' order). */
static PyObject *
candidate(const Py_UCS4 *t, Py_ssize_t a, int j, Form *forms, Py_ssize_t n)
{
    sorted_text = t;
    qsort(forms, n, sizeof(Form), cmp_forms);
    PyObject *list = PyList_New(n);
    if (list == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = Py_BuildValue("(Ni)", PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, t + forms[i].first, WINDOW),
                                       (int)forms[i].count);
        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return Py_BuildValue("(nNiN)", a + j, PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, t + a, WINDOW), j, list);
}

/* What one text's pass needs, kept between texts and grown as needed: clearing what a pass used
 * costs less than zeroing fresh tables for every text (a memset was a tenth of the pass). */
struct Pass {
    Py_UCS4 *text;      /* the text's code points (a copy of this text's) */
    Py_ssize_t n;       /* the text's length */
    int unsure;         /* a run was skipped: a form's occurrences there are not listed */
    Py_ssize_t *runs;   /* start, end of each run judged, in order */
    Py_ssize_t nruns, runs_size;
    int32_t *slot_at;   /* by offset: its window's slot in ``windows`` */
    Py_ssize_t *next;   /* by offset: the window's next offset, -1 none */
    Py_ssize_t offsets_size;
    Table windows;      /* each window once; its keys all 0 between texts */
    int32_t *count;     /* by slot: how often the text writes it */
    Py_ssize_t *first, *last; /* by slot: its first and last offset so far */
    Py_ssize_t *used, nused; /* the slots taken, in the order taken */
    Table open;         /* a repeated window with one place open; keys all 0 between texts */
    Py_ssize_t *head;   /* by slot of ``open``: its first node */
    Py_ssize_t *open_used, nopen;
    Py_ssize_t *node_first, *node_next; /* the repeated windows under one open key: a list */
    Form *forms;        /* a candidate's forms, gathered */
    Py_ssize_t nodes_size;
    /* by a hash of two characters, the places (bits 1 << j) where some open key the text has
     * leaves its other two: most once-written windows ask none, and a pair's hash serves two
     * windows (the second and third characters of one are the first and second of the next) */
    uint8_t pair_places[PAIR_SLOTS];
    Py_ssize_t *pairs_set;  /* the hashes set, to clear them */
    Py_ssize_t npairs;
};

static void
pass_free(Pass *p)
{
    PyMem_Free(p->text);
    PyMem_Free(p->runs);
    PyMem_Free(p->slot_at);
    PyMem_Free(p->next);
    PyMem_Free(p->windows.keys);
    PyMem_Free(p->count);
    PyMem_Free(p->first);
    PyMem_Free(p->last);
    PyMem_Free(p->used);
    PyMem_Free(p->open.keys);
    PyMem_Free(p->head);
    PyMem_Free(p->open_used);
    PyMem_Free(p->node_first);
    PyMem_Free(p->node_next);
    PyMem_Free(p->forms);
    PyMem_Free(p->pairs_set);
}

/* Whether *buffer holds ``need`` items of ``item`` bytes: grown (contents dropped) if not. */
static int
reserve(void **buffer, Py_ssize_t *size, Py_ssize_t need, size_t item)
{
    if (*buffer != NULL && *size >= need) {
        return 0;
    }
    Py_ssize_t grown = *size > 0 ? *size : 256;
    while (grown < need) {
        grown *= 2;
    }
    PyMem_Free(*buffer);
    *buffer = PyMem_Malloc(grown * item);
    *size = *buffer ? grown : 0;
    return *buffer ? 0 : -1;
}

/* A table of at least twice ``items`` slots, all empty, with ``per_slot`` arrays beside it
 * (grown with it): the old one when big enough, its used slots emptied by the last pass. */
static int
table_reserve(Table *table, Py_ssize_t items, void **per_slot[], size_t sizes[], int arrays)
{
    if (table->keys != NULL && table->mask + 1 >= 2 * items) {
        return 0;
    }
    PyMem_Free(table->keys);
    if (table_init(table, items) < 0) {
        table->keys = NULL;
        return -1;
    }
    for (int k = 0; k < arrays; k++) {
        PyMem_Free(*per_slot[k]);
        *per_slot[k] = PyMem_Malloc((table->mask + 1) * sizes[k]);
        if (*per_slot[k] == NULL) {
            PyMem_Free(table->keys);
            table->keys = NULL;
            return -1;
        }
    }
    return 0;
}

/* Empty the slots the pass took and drop its text: the tables are ready for the next. */
static void
pass_clear(Pass *p)
{
    for (Py_ssize_t k = 0; k < p->nused; k++) {
        p->windows.keys[p->used[k]] = 0;
    }
    for (Py_ssize_t k = 0; k < p->nopen; k++) {
        p->open.keys[p->open_used[k]] = 0;
    }
    for (Py_ssize_t k = 0; k < p->npairs; k++) {
        p->pair_places[p->pairs_set[k]] = 0;
    }
    p->nused = p->nopen = p->nruns = p->npairs = 0;
    p->unsure = 0;
    PyMem_Free(p->text);
    p->text = NULL;
}

/* The runs of three or more Han characters holding no skipped character; their windows. */
static Py_ssize_t
find_runs(const Windows *self, Pass *p, Py_ssize_t n)
{
    const Py_UCS4 *t = p->text;
    Py_ssize_t windows = 0;
    for (Py_ssize_t i = 0; i < n;) {
        if (!is_han(self, t[i])) {
            i++;
            continue;
        }
        Py_ssize_t start = i;
        int skipped = 0;
        for (; i < n && is_han(self, t[i]); i++) {
            skipped |= has_class(self, t[i], SKIPPED, &self->skip);
        }
        p->unsure |= i - start >= WINDOW && skipped;
        if (i - start >= WINDOW && !skipped) {
            p->runs[2 * p->nruns] = start;
            p->runs[2 * p->nruns + 1] = i;
            p->nruns++;
            windows += i - start - WINDOW + 1;
        }
    }
    return windows;
}

/* Whether the place ``at`` may hold a slip as one_off._judged asks: not in a parallel phrase
 * (evidence.in_parallel_phrase: its character written again within ``parallel``) and not
 * between two characters alike (_doubled_frame). Both hold whatever the repeated form. */
static int
place_open(const Windows *self, const Pass *p, Py_ssize_t at)
{
    const Py_UCS4 *t = p->text;
    Py_UCS4 c = t[at];
    Py_ssize_t lo = at - self->parallel < 0 ? 0 : at - self->parallel;
    Py_ssize_t hi = at + 1 + self->parallel > p->n ? p->n : at + 1 + self->parallel;
    for (Py_ssize_t k = lo; k < hi; k++) {
        if (k != at && t[k] == c) {
            return 0;
        }
    }
    return !(0 < at && at < p->n - 1 && t[at - 1] == t[at + 1]);
}

/* one_off._name_place for the window at a, its place j. 1, 0, or -1 on an error. */
static int
name_place(Windows *self, const Pass *p, Py_ssize_t a, int j)
{
    const Py_UCS4 *t = p->text;
    Py_ssize_t at = a + j;
    int answer = 1;
    if (j != 1) { /* the other two of the window, side by side */
        answer = j == 0 ? seldom(self, t[a + 1], t[a + 2]) : seldom(self, t[a], t[a + 1]);
    }
    if (answer > 0 && j != 0) {
        answer = seldom(self, t[at - 1], t[at]);
    }
    if (answer > 0 && j != WINDOW - 1) {
        answer = seldom(self, t[at], t[at + 1]);
    }
    return answer;
}

/* What one_off._same_construction needs of the window at a (its place j) and the repeated form
 * first written at f, as far as it is asked without the dictionary: at some occurrence of the
 * form the text agrees on both sides, three characters in all; or on ``long_side`` characters of
 * one side, the pair the place makes with that side seldom written; or the place is a name's
 * (_name_place). Walks stop at ``long_side``: no answer needs more. 1, 0, or -1 on an error. */
static int
construction(Windows *self, const Pass *p, Py_ssize_t a, int j, Py_ssize_t f)
{
    if (p->unsure) {
        return 1; /* occurrences in a skipped run would be missed: leave it to Python */
    }
    const Py_UCS4 *t = p->text;
    Py_ssize_t at = a + j, end = p->n - 1;
    int cap = self->long_side, long_left = 0, long_right = 0;
    for (Py_ssize_t k = f; k >= 0; k = p->next[k]) {
        Py_ssize_t o = k + j, near = o < at ? o : at, far = o > at ? o : at;
        int left = 0, right = 0;
        while (left < near && left < cap && t[o - left - 1] == t[at - left - 1] && is_han(self, t[at - left - 1])) {
            left++;
        }
        while (far + right < end && right < cap && t[o + right + 1] == t[at + right + 1]
               && is_han(self, t[at + right + 1])) {
            right++;
        }
        if (left >= 1 && right >= 1 && left + right >= 3) {
            return 1;
        }
        long_left |= left >= cap;
        long_right |= right >= cap;
    }
    int answer;
    if (long_left && (answer = seldom(self, t[at - 1], t[at])) != 0) {
        return answer;
    }
    if (long_right && (answer = seldom(self, t[at], t[at + 1])) != 0) {
        return answer;
    }
    return name_place(self, p, a, j);
}

/* The forms of the open key at slot o that are alike with the place's character, gathered in
 * p->forms; how many, or -1 on an error. */
static Py_ssize_t
alike_forms(Windows *self, Pass *p, Py_ssize_t o, Py_UCS4 written, int j)
{
    Py_ssize_t k = 0;
    for (Py_ssize_t node = p->head[o]; node >= 0; node = p->node_next[node]) {
        Py_ssize_t f = p->node_first[node];
        Py_UCS4 meant = p->text[f + j];
        uint64_t key = pair_key(written, meant);
        int64_t answer = memo_get(&self->alike_pairs, key);
        if (answer < 0) {
            answer = alike(self, written, meant);
            if (answer < 0 || memo_put(&self->alike_pairs, key, answer) < 0) {
                return -1;
            }
        }
        if (answer) {
            p->forms[k].first = f;
            p->forms[k++].count = p->count[p->slot_at[f]];
        }
    }
    return k;
}

/* Count the windows of the runs; how many are written twice or more, -1 on an error. */
static Py_ssize_t
count_windows(Pass *p, Py_ssize_t nwindows)
{
    void **per_slot[] = {(void **)&p->count, (void **)&p->first, (void **)&p->last};
    size_t sizes[] = {sizeof(int32_t), sizeof(Py_ssize_t), sizeof(Py_ssize_t)};
    Py_ssize_t used_size = p->windows.keys ? p->windows.mask + 1 : 0;
    if (table_reserve(&p->windows, nwindows, per_slot, sizes, 3) < 0) {
        return -1;
    }
    if (used_size != p->windows.mask + 1) {
        PyMem_Free(p->used);
        p->used = PyMem_Malloc((p->windows.mask + 1) * sizeof(Py_ssize_t));
        if (p->used == NULL) {
            return -1;
        }
    }
    const Py_UCS4 *t = p->text;
    Py_ssize_t repeated = 0;
    for (Py_ssize_t r = 0; r < p->nruns; r++) {
        for (Py_ssize_t a = p->runs[2 * r]; a + WINDOW <= p->runs[2 * r + 1]; a++) {
            uint64_t key = key_of(t[a], t[a + 1], t[a + 2]);
            int known;
            Py_ssize_t s = table_slot(&p->windows, key, &known);
            if (known) {
                repeated += ++p->count[s] == 2;
                p->next[p->last[s]] = a;
            } else {
                p->windows.keys[s] = key;
                p->used[p->nused++] = s;
                p->count[s] = 1;
                p->first[s] = a;
            }
            p->last[s] = a;
            p->next[a] = -1;
            p->slot_at[a] = (int32_t)s;
        }
    }
    return repeated;
}

/* Index each repeated window under its open keys (the place's character not excluded); how
 * many entries, -1 on an error. */
static Py_ssize_t
index_repeated(Windows *self, Pass *p, Py_ssize_t repeated)
{
    void **per_slot[] = {(void **)&p->head};
    size_t sizes[] = {sizeof(Py_ssize_t)};
    Py_ssize_t used_size = p->open.keys ? p->open.mask + 1 : 0;
    if (table_reserve(&p->open, WINDOW * repeated, per_slot, sizes, 1) < 0) {
        return -1;
    }
    if (used_size != p->open.mask + 1) {
        PyMem_Free(p->open_used);
        p->open_used = PyMem_Malloc((p->open.mask + 1) * sizeof(Py_ssize_t));
        if (p->open_used == NULL) {
            return -1;
        }
    }
    Py_ssize_t nodes_size = p->nodes_size;
    if (reserve((void **)&p->node_first, &nodes_size, WINDOW * repeated, sizeof(Py_ssize_t)) < 0) {
        return -1;
    }
    if (nodes_size != p->nodes_size) { /* grown: the others with it */
        PyMem_Free(p->node_next);
        PyMem_Free(p->forms);
        PyMem_Free(p->pairs_set);
        p->node_next = PyMem_Malloc(nodes_size * sizeof(Py_ssize_t));
        p->forms = PyMem_Malloc(nodes_size * sizeof(Form));
        p->pairs_set = PyMem_Malloc(nodes_size * sizeof(Py_ssize_t));
        p->nodes_size = p->node_next && p->forms && p->pairs_set ? nodes_size : 0;
        if (p->nodes_size == 0) {
            return -1;
        }
    }
    const Py_UCS4 *t = p->text;
    Py_ssize_t nodes = 0;
    for (Py_ssize_t k = 0; k < p->nused; k++) {
        Py_ssize_t s = p->used[k];
        if (p->count[s] < 2) {
            continue;
        }
        Py_ssize_t a = p->first[s];
        for (int j = 0; j < WINDOW; j++) {
            if (has_class(self, t[a + j], EXCLUDED, &self->excluded)) {
                continue;
            }
            uint64_t key = key_of(j == 0 ? GAP : t[a], j == 1 ? GAP : t[a + 1], j == 2 ? GAP : t[a + 2]);
            int known;
            Py_ssize_t o = table_slot(&p->open, key, &known);
            if (!known) {
                p->open.keys[o] = key;
                p->open_used[p->nopen++] = o;
                p->head[o] = -1;
                Py_ssize_t h = pair_hash(t[a + (j == 0)], t[a + 2 - (j == 2)]); /* the other two */
                if (!p->pair_places[h]) {
                    p->pairs_set[p->npairs++] = h;
                }
                p->pair_places[h] |= (uint8_t)(1 << j);
            }
            p->node_first[nodes] = a;
            p->node_next[nodes] = p->head[o];
            p->head[o] = nodes++;
        }
    }
    return nodes;
}

/* The candidates: each once-written window's places whose open key the text has, the place
 * no numeral and open (place_open), with the forms alike and possibly in one construction. */
static int
find_candidates(Windows *self, Pass *p, PyObject *found)
{
    const Py_UCS4 *t = p->text;
    for (Py_ssize_t r = 0; r < p->nruns; r++) {
        for (Py_ssize_t a = p->runs[2 * r]; a + WINDOW <= p->runs[2 * r + 1]; a++) {
            if (p->count[p->slot_at[a]] >= 2) {
                continue; /* the text's own wording */
            }
            /* the places whose other two characters some open key leaves (pair_places) */
            Py_ssize_t inner = pair_hash(t[a + 1], t[a + 2]);
            int places = (p->pair_places[inner] & 1) | (p->pair_places[pair_hash(t[a], t[a + 2])] & 2)
                         | (p->pair_places[pair_hash(t[a], t[a + 1])] & 4);
            for (int j = 0; places; j++, places >>= 1) {
                if (!(places & 1)) {
                    continue;
                }
                uint64_t key = key_of(j == 0 ? GAP : t[a], j == 1 ? GAP : t[a + 1], j == 2 ? GAP : t[a + 2]);
                int known;
                Py_ssize_t o = table_slot(&p->open, key, &known);
                if (!known || has_class(self, t[a + j], NUMERAL, &self->numerals)) {
                    continue;
                }
                Py_ssize_t alike_n = alike_forms(self, p, o, t[a + j], j);
                if (alike_n < 0) {
                    return -1;
                }
                if (alike_n == 0 || !place_open(self, p, a + j)) {
                    continue;
                }
                Py_ssize_t k = 0;
                for (Py_ssize_t i = 0; i < alike_n; i++) {
                    int may = construction(self, p, a, j, p->forms[i].first);
                    if (may < 0) {
                        return -1;
                    }
                    if (may) {
                        p->forms[k++] = p->forms[i];
                    }
                }
                if (k == 0) {
                    continue;
                }
                PyObject *c = candidate(t, a, j, p->forms, k);
                if (c == NULL || PyList_Append(found, c) < 0) {
                    Py_XDECREF(c);
                    return -1;
                }
                Py_DECREF(c);
            }
        }
    }
    return 0;
}

static PyObject *
windows_places(Windows *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "places: the text must be str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *found = PyList_New(0);
    if (found == NULL || n < WINDOW) {
        return found;
    }
    Pass *p = self->pass;
    p->n = n;
    p->text = PyUnicode_AsUCS4Copy(text);
    if (p->text == NULL
        || reserve((void **)&p->runs, &p->runs_size, 2 * (n / (WINDOW + 1) + 1), sizeof(Py_ssize_t)) < 0) {
        goto failed;
    }
    Py_ssize_t offsets_size = p->offsets_size;
    if (reserve((void **)&p->next, &offsets_size, n, sizeof(Py_ssize_t)) < 0) {
        goto failed;
    }
    if (offsets_size != p->offsets_size) {
        PyMem_Free(p->slot_at);
        p->slot_at = PyMem_Malloc(offsets_size * sizeof(int32_t));
        p->offsets_size = p->slot_at ? offsets_size : 0;
        if (p->slot_at == NULL) {
            goto failed;
        }
    }
    Py_ssize_t nwindows = find_runs(self, p, n), repeated = 0, nodes = 0;
    if (nwindows > 0) {
        repeated = count_windows(p, nwindows);
    }
    if (repeated > 0) {
        nodes = index_repeated(self, p, repeated);
    }
    if (repeated < 0 || nodes < 0 || (nodes > 0 && find_candidates(self, p, found) < 0)) {
        goto failed;
    }
    pass_clear(p);
    return found;
failed:
    if (!PyErr_Occurred()) {
        PyErr_NoMemory();
    }
    if (p->text != NULL) {
        pass_clear(p);
    }
    Py_DECREF(found);
    return NULL;
}

static void
windows_dealloc(Windows *self)
{
    PyMem_Free(self->skip.astral);
    PyMem_Free(self->excluded.astral);
    PyMem_Free(self->numerals.astral);
    PyMem_Free(self->han_lo);
    PyMem_Free(self->han_hi);
    lines_free(&self->alike_lines);
    lines_free(&self->pair_lines);
    memo_free(&self->entries);
    memo_free(&self->listed);
    memo_free(&self->pair_counts);
    memo_free(&self->alike_pairs);
    PyMem_Free(self->readings);
    if (self->pass != NULL) {
        pass_free(self->pass);
        PyMem_Free(self->pass);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
windows_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *ranges, *skip, *excluded, *numerals, *alike_bytes, *pair_bytes;
    int usual, parallel, long_side;
    static char *names[] = {"han_ranges", "skip", "excluded", "numerals", "alike_chars", "pair_counts",
                            "usual", "parallel", "long_side", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OUUUSSiii", names, &ranges, &skip, &excluded, &numerals,
                                     &alike_bytes, &pair_bytes, &usual, &parallel, &long_side)) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(ranges, "han_ranges: a sequence of (first, last) code points");
    if (seq == NULL) {
        return NULL;
    }
    Windows *self = (Windows *)type->tp_alloc(type, 0);
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (self == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    self->usual = usual;
    self->parallel = parallel;
    self->long_side = long_side;
    self->alike_lines.lines = self->pair_lines.lines = -1;
    Py_INCREF(alike_bytes);
    self->alike_lines.bytes = alike_bytes;
    Py_INCREF(pair_bytes);
    self->pair_lines.bytes = pair_bytes;
    if (memo_init(&self->entries) < 0 || memo_init(&self->listed) < 0 || memo_init(&self->pair_counts) < 0) {
        PyErr_NoMemory();
        goto failed;
    }
    self->han_lo = PyMem_Malloc((n ? n : 1) * sizeof(Py_UCS4));
    self->han_hi = PyMem_Malloc((n ? n : 1) * sizeof(Py_UCS4));
    if (self->han_lo == NULL || self->han_hi == NULL) {
        PyErr_NoMemory();
        goto failed;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned long lo, hi;
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq, i), "kk", &lo, &hi) || lo > hi || hi > 0x10FFFF) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "han_ranges: first <= last <= 0x10FFFF");
            }
            goto failed;
        }
        for (unsigned long c = lo; c <= hi && c < BMP; c++) {
            self->han[c >> 6] |= (uint64_t)1 << (c & 63);
        }
        if (hi >= BMP) { /* sorted input: the astral ranges stay sorted */
            self->han_lo[self->han_ranges] = lo < BMP ? BMP : (Py_UCS4)lo;
            self->han_hi[self->han_ranges++] = (Py_UCS4)hi;
        }
    }
    Py_DECREF(seq);
    seq = NULL;
    if (set_fill(&self->skip, skip) < 0 || set_fill(&self->excluded, excluded) < 0
        || set_fill(&self->numerals, numerals) < 0) {
        goto failed;
    }
    for (Py_UCS4 c = 0; c < BMP; c++) {
        self->classes[c] = (self->han[c >> 6] >> (c & 63) & 1 ? HAN : 0)
                           | (in_set(&self->skip, c) ? SKIPPED : 0) | (in_set(&self->excluded, c) ? EXCLUDED : 0)
                           | (in_set(&self->numerals, c) ? NUMERAL : 0);
    }
    self->pass = PyMem_Calloc(1, sizeof(Pass));
    if (self->pass == NULL || memo_init(&self->alike_pairs) < 0) {
        PyErr_NoMemory();
        goto failed;
    }
    return (PyObject *)self;
failed:
    Py_XDECREF(seq);
    Py_DECREF(self);
    return NULL;
}

static PyMethodDef windows_methods[] = {
    {"places", (PyCFunction)windows_places, METH_O,
     "places(text): the list of one_off.variant_places' tuples (offset, window as written, place, "
     "[(repeated form, times), commonest first]), in the reference's order."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject WindowsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._one_off_windows.Windows",
    .tp_basicsize = sizeof(Windows),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Windows(han_ranges, skip, excluded, numerals): han_ranges the Script=Han ranges "
              "(sorted, inclusive), skip the characters whose runs are not judged, excluded those "
              "a repeated form does not offer, numerals those a candidate's place is never.",
    .tp_new = windows_new,
    .tp_dealloc = (destructor)windows_dealloc,
    .tp_methods = windows_methods,
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_one_off_windows",
    "TYP015's candidate windows in one pass (see gongwen.analysis.one_off.variant_places).",
    -1, NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__one_off_windows(void)
{
    if (PyType_Ready(&WindowsType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&WindowsType);
    if (PyModule_AddObject(module, "Windows", (PyObject *)&WindowsType) < 0) {
        Py_DECREF(&WindowsType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
