/* The segmentation dictionary as one C object over its bytes (gongwen.analysis.segmentation
 * ._CompiledFrequencies): the best route reads word counts straight from the memory-mapped
 * file, and get / words answer the Python callers (TYP013, the word-level rules) from the
 * same bytes, without a Python dict per group of words.
 *
 * Before, the route called back into Python for every first character (its _Start) and every
 * pair (_Frequencies.pair_words, which parsed a group into a dict of new str words): on the
 * cold path that was ~230 M instructions past the warm one for a 1,000-file run (round 17's
 * note), most of it building, hashing and decoding words the route then looked up once.
 *
 * The table: where each line (one first character) starts, found by bisection over the lines'
 * first characters (code points: UTF-8's byte order is theirs); on a line's first use, its
 * count, its second characters and where each of its groups starts (one pass over the line,
 * kept: a common character's line is 20-50 KB of some thousand groups, which the old parse hopped
 * over again for every pair). A group is then read in place: its words' bytes compared with
 * the clause's UTF-8 (encoded once a call), their counts parsed from the digits. The words
 * added with add_word (the domain words, a few dozen) are a small list beside it whose
 * counts win, as _Frequencies' extra did.
 *
 * The Python _Frequencies and LazyTokenizer._python_route are the reference:
 * tests/analysis/test_word_table.py compares get, words and the route with them over every
 * word of the shipped dictionary, generated strings and generated dictionaries. It expects
 * the builder's well-formed lines (data/build_segmentation_dict.py): one character, a tab, a
 * count or nothing, a tab, the second characters in code-point order, then one tab-separated
 * group of ``<word> <count>`` pairs per second character; a line that is not is refused with
 * ValueError where it is first read (the Python path's int() and decode errors, on the same
 * bad bytes). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Decode one well-formed UTF-8 character of [*p, end) into *out and advance *p: 0, or -1 when
 * the bytes are not well-formed (overlong, a surrogate, past U+10FFFF, cut short), as the
 * strict decoder refuses them. */
static int
utf8_next(const unsigned char **p, const unsigned char *end, Py_UCS4 *out)
{
    const unsigned char *s = *p;
    unsigned int c = s[0];
    if (c < 0x80) {
        *out = c;
        *p = s + 1;
        return 0;
    }
    if (c >= 0xC2 && c <= 0xDF && end - s >= 2 && (s[1] & 0xC0) == 0x80) {
        *out = ((Py_UCS4)(c & 0x1F) << 6) | (s[1] & 0x3F);
        *p = s + 2;
        return 0;
    }
    if (c >= 0xE0 && c <= 0xEF && end - s >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        Py_UCS4 ch = ((Py_UCS4)(c & 0x0F) << 12) | ((Py_UCS4)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        if (ch < 0x800 || (ch >= 0xD800 && ch <= 0xDFFF)) {
            return -1;
        }
        *out = ch;
        *p = s + 3;
        return 0;
    }
    if (c >= 0xF0 && c <= 0xF4 && end - s >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80
            && (s[3] & 0xC0) == 0x80) {
        Py_UCS4 ch = ((Py_UCS4)(c & 0x07) << 18) | ((Py_UCS4)(s[1] & 0x3F) << 12)
                     | ((Py_UCS4)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        if (ch < 0x10000 || ch > 0x10FFFF) {
            return -1;
        }
        *out = ch;
        *p = s + 4;
        return 0;
    }
    return -1;
}

static int
not_utf8(void)
{
    PyErr_SetString(PyExc_ValueError, "the dictionary is not well-formed UTF-8");
    return -1;
}

/* A count's ASCII digits [s, s + len) into *out (at most 18: no overflow): 0, or -1 with
 * ValueError for anything else. */
static int
count_of(const char *s, Py_ssize_t len, long long *out)
{
    long long value = 0;
    if (len < 1 || len > 18) {
        PyErr_SetString(PyExc_ValueError, "a count that is not 1 to 18 digits");
        return -1;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            PyErr_SetString(PyExc_ValueError, "a count that is not 1 to 18 digits");
            return -1;
        }
        value = value * 10 + (s[i] - '0');
    }
    *out = value;
    return 0;
}

/* The filter of the added words' first characters: 64 * FIRST_WORDS bits. The domain words
 * (~50, ~30 first characters, among them 一 全 市 法) in 64 bits let a third of all characters
 * through to a walk over every added word at every start of a route. */
enum { FIRST_WORDS = 16, FIRST_SHIFT = 22 };

enum { BMP = 0x10000 };

/* One line read on its first use. */
typedef struct {
    long long single;       /* the first character's count as a word, -1 when it is none */
    Py_ssize_t groups;      /* how many second characters, each with one group */
    Py_UCS4 *seconds;       /* the second characters, ascending */
    Py_ssize_t *group_at;   /* where each group starts; group_at[groups] is one past the line's end */
} Line;

/* A word added with add_word. */
typedef struct {
    Py_UCS4 *chars;
    Py_ssize_t len;
    long long count;
} Extra;

typedef struct {
    PyObject_HEAD
    Py_buffer data;
    Py_ssize_t lines;
    Py_ssize_t *line_at;   /* where each line starts; line_at[lines] is one past the last's end */
    Py_UCS4 *firsts;       /* each line's first character, ascending */
    int32_t *bmp_line;     /* the line of each character below U+10000, -1 for none: line_of without a search */
    int sorted;            /* each group's words in byte order, each once (the builder's header says so) */
    Line **read;           /* each line as read on first use, or NULL */
    Extra *extras;          /* sorted by first character, in the order added within one (stable) */
    Py_ssize_t n_extras, cap_extras;
    uint64_t extra_firsts[FIRST_WORDS];  /* a bit per added word's first character (first_bit): a filter */
} WordTable;

static void
line_free(Line *line)
{
    if (line != NULL) {
        PyMem_Free(line->seconds);
        PyMem_Free(line->group_at);
        PyMem_Free(line);
    }
}

static void
table_dealloc(WordTable *self)
{
    if (self->read != NULL) {
        for (Py_ssize_t k = 0; k < self->lines; k++) {
            line_free(self->read[k]);
        }
    }
    for (Py_ssize_t i = 0; i < self->n_extras; i++) {
        PyMem_Free(self->extras[i].chars);
    }
    PyMem_Free(self->extras);
    PyMem_Free(self->read);
    PyMem_Free(self->line_at);
    PyMem_Free(self->firsts);
    PyMem_Free(self->bmp_line);
    if (self->data.obj != NULL) {
        PyBuffer_Release(&self->data);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* WordTable(data, body): the lines of data from byte body on (a final newline ends the last). */
static int
table_init(WordTable *self, PyObject *args, PyObject *kwds)
{
    PyObject *source;
    Py_ssize_t body;
    static char *names[] = {"data", "body", "sorted", NULL};
    int sorted = 0;
    if (self->data.obj != NULL) {
        PyErr_SetString(PyExc_TypeError, "a WordTable is initialized once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "On|p:WordTable", names, &source, &body, &sorted)) {
        return -1;
    }
    self->sorted = sorted;
    if (PyObject_GetBuffer(source, &self->data, PyBUF_SIMPLE) < 0) {
        return -1;
    }
    const char *base = self->data.buf;
    Py_ssize_t n = self->data.len, count = 0;
    if (body < 0 || body > n) {
        PyErr_SetString(PyExc_ValueError, "body out of range");
        return -1;
    }
    Py_ssize_t stop = n > body && base[n - 1] == '\n' ? n - 1 : n; /* the last line's end */
    for (Py_ssize_t at = body; at < n; count++) {
        const char *newline = memchr(base + at, '\n', (size_t)(n - at));
        at = newline != NULL ? newline - base + 1 : n;
    }
    self->line_at = PyMem_Malloc((size_t)(count + 1) * sizeof(Py_ssize_t));
    self->firsts = PyMem_Malloc((size_t)(count + 1) * sizeof(Py_UCS4));
    self->read = PyMem_Calloc((size_t)count + 1, sizeof(Line *));
    if (self->line_at == NULL || self->firsts == NULL || self->read == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->lines = count;
    Py_ssize_t k = 0;
    for (Py_ssize_t at = body; at < n; k++) {
        self->line_at[k] = at;
        const char *newline = memchr(base + at, '\n', (size_t)(n - at));
        Py_ssize_t end = newline != NULL ? newline - base : n;
        const unsigned char *p = (const unsigned char *)base + at, *e = (const unsigned char *)base + end;
        Py_UCS4 first;
        if (p == e || utf8_next(&p, e, &first) < 0 || p == e || *p != '\t') {
            PyErr_SetString(PyExc_ValueError, "a line that is not one character and a tab");
            return -1;
        }
        if (k > 0 && first <= self->firsts[k - 1]) {
            PyErr_SetString(PyExc_ValueError, "the lines are not in the order of their first characters");
            return -1;
        }
        self->firsts[k] = first;
        at = newline != NULL ? end + 1 : n;
    }
    self->line_at[count] = stop + 1;
    if (count >= INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "too many lines");
        return -1;
    }
    /* A route looks up every character's line: by this table a load, where the bisection of
     * ~12,000 lines took ~14 steps (256 KB, filled once a process). */
    self->bmp_line = PyMem_Malloc(BMP * sizeof(int32_t));
    if (self->bmp_line == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memset(self->bmp_line, 0xFF, BMP * sizeof(int32_t)); /* -1 */
    for (Py_ssize_t j = 0; j < count && self->firsts[j] < BMP; j++) {
        self->bmp_line[self->firsts[j]] = (int32_t)j;
    }
    return 0;
}

/* The line of the words that begin with ch, -1 when none does. */
static Py_ssize_t
line_of(const WordTable *self, Py_UCS4 ch)
{
    if (ch < BMP && self->bmp_line != NULL) { /* NULL: a table not initialized (no lines) */
        return self->bmp_line[ch];
    }
    Py_ssize_t lo = 0, hi = self->lines;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (self->firsts[mid] < ch) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo < self->lines && self->firsts[lo] == ch ? lo : -1;
}

/* Line k read (on its first use): NULL with an error set when it is not well-formed. */
static Line *
line_read(WordTable *self, Py_ssize_t k)
{
    if (self->read[k] != NULL) {
        return self->read[k];
    }
    const char *base = self->data.buf;
    const char *end = base + self->line_at[k + 1] - 1;
    const char *count_at = memchr(base + self->line_at[k], '\t', (size_t)(end - base - self->line_at[k])) + 1;
    const char *count_end = memchr(count_at, '\t', (size_t)(end - count_at));
    if (count_end == NULL) {
        PyErr_SetString(PyExc_ValueError, "a line without its second characters");
        return NULL;
    }
    Line *line = PyMem_Calloc(1, sizeof(Line));
    if (line == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    line->single = -1;
    if (count_end > count_at && count_of(count_at, count_end - count_at, &line->single) < 0) {
        goto fail;
    }
    const char *seconds_at = count_end + 1;
    const char *seconds_end = memchr(seconds_at, '\t', (size_t)(end - seconds_at));
    const char *body = seconds_end != NULL ? seconds_end + 1 : NULL; /* NULL: no groups */
    if (seconds_end == NULL) {
        seconds_end = end;
    }
    line->seconds = PyMem_Malloc((size_t)(seconds_end - seconds_at + 1) * sizeof(Py_UCS4));
    if (line->seconds == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    const unsigned char *p = (const unsigned char *)seconds_at;
    while (p < (const unsigned char *)seconds_end) {
        Py_UCS4 ch;
        if (utf8_next(&p, (const unsigned char *)seconds_end, &ch) < 0) {
            not_utf8();
            goto fail;
        }
        if (line->groups > 0 && ch <= line->seconds[line->groups - 1]) {
            PyErr_SetString(PyExc_ValueError, "second characters out of order");
            goto fail;
        }
        line->seconds[line->groups++] = ch;
    }
    line->group_at = PyMem_Malloc((size_t)(line->groups + 1) * sizeof(Py_ssize_t));
    if (line->group_at == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    Py_ssize_t g = 0;
    for (const char *q = body; q != NULL && q <= end; g++) {
        if (g == line->groups) {
            g++; /* more groups than second characters */
            break;
        }
        line->group_at[g] = q - base;
        const char *tab = memchr(q, '\t', (size_t)(end - q));
        q = tab != NULL ? tab + 1 : NULL;
    }
    if (g != line->groups) {
        PyErr_SetString(PyExc_ValueError, "a line whose groups are not one per second character");
        goto fail;
    }
    line->group_at[g] = end - base + 1;
    self->read[k] = line;
    return line;
fail:
    line_free(line);
    return NULL;
}

/* The group of the pair (a, b), a's line being k (line_of's): 1 with its bytes in [*s, *e),
 * 0 when no dictionary word begins with the pair, -1 on an error. */
static int
group_of(WordTable *self, Py_ssize_t k, Py_UCS4 b, const char **s, const char **e)
{
    if (k < 0) {
        return 0;
    }
    Line *line = line_read(self, k);
    if (line == NULL) {
        return -1;
    }
    Py_ssize_t lo = 0, hi = line->groups;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (line->seconds[mid] < b) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    if (lo == line->groups || line->seconds[lo] != b) {
        return 0;
    }
    *s = (const char *)self->data.buf + line->group_at[lo];
    *e = (const char *)self->data.buf + line->group_at[lo + 1] - 1;
    return 1;
}

/* The next ``<word> <count>`` of a group [*p, stop): 1 with the word's bytes and the count
 * (*p past them), 0 at the group's end (a word without a count ends it, as the Python
 * parse's zip drops it), -1 on an error. */
static int
next_entry(const char **p, const char *stop, const char **word, Py_ssize_t *wlen, long long *count)
{
    if (*p == NULL || *p >= stop) {
        return 0;
    }
    const char *space = memchr(*p, ' ', (size_t)(stop - *p));
    if (space == NULL) {
        return 0;
    }
    const char *count_at = space + 1;
    const char *next = memchr(count_at, ' ', (size_t)(stop - count_at));
    const char *count_end = next != NULL ? next : stop;
    if (count_of(count_at, count_end - count_at, count) < 0) {
        return -1;
    }
    *word = *p;
    *wlen = space - *p;
    *p = next != NULL ? next + 1 : NULL;
    return 1;
}

/* A text the table looks words up in: its characters (kind, data, n) and its UTF-8, with where
 * each character's bytes begin (at[j], at[n] the end) and, for each byte offset, which
 * character begins there (-1 inside one): a dictionary word is the text from character k on
 * when its bytes are the text's from at[k] on, up to a character's start. A surrogate (no
 * UTF-8) is the byte 0xFF, which no well-formed UTF-8 holds: a word of the dictionary, which
 * is well-formed, never matches it, as no word holds a surrogate in the Python path (add
 * refuses one). */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
    unsigned char *bytes;
    Py_ssize_t *at;
    Py_ssize_t *char_at;
} Text;

static void
text_free(Text *t)
{
    PyMem_Free(t->bytes);
    PyMem_Free(t->at);
    PyMem_Free(t->char_at);
}

/* The Text of a str: 0, or -1 with MemoryError. */
static int
text_of(PyObject *text, Text *t)
{
    t->kind = PyUnicode_KIND(text);
    t->data = PyUnicode_DATA(text);
    t->n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t size = 4 * t->n + 1;
    t->bytes = PyMem_Malloc((size_t)size);
    t->at = PyMem_Malloc((size_t)(t->n + 1) * sizeof(Py_ssize_t));
    t->char_at = PyMem_Malloc((size_t)size * sizeof(Py_ssize_t));
    if (t->bytes == NULL || t->at == NULL || t->char_at == NULL) {
        text_free(t);
        PyErr_NoMemory();
        return -1;
    }
    unsigned char *b = t->bytes;
    Py_ssize_t o = 0;
    for (Py_ssize_t j = 0; j < t->n; j++) {
        Py_UCS4 ch = PyUnicode_READ(t->kind, t->data, j);
        t->at[j] = o;
        t->char_at[o] = j;
        if (ch < 0x80) {
            b[o++] = (unsigned char)ch;
        }
        else if (ch < 0x800) {
            b[o++] = (unsigned char)(0xC0 | (ch >> 6));
            b[o++] = (unsigned char)(0x80 | (ch & 0x3F));
        }
        else if (ch >= 0xD800 && ch <= 0xDFFF) {
            b[o++] = 0xFF;
        }
        else if (ch < 0x10000) {
            b[o++] = (unsigned char)(0xE0 | (ch >> 12));
            b[o++] = (unsigned char)(0x80 | ((ch >> 6) & 0x3F));
            b[o++] = (unsigned char)(0x80 | (ch & 0x3F));
        }
        else {
            b[o++] = (unsigned char)(0xF0 | (ch >> 18));
            b[o++] = (unsigned char)(0x80 | ((ch >> 12) & 0x3F));
            b[o++] = (unsigned char)(0x80 | ((ch >> 6) & 0x3F));
            b[o++] = (unsigned char)(0x80 | (ch & 0x3F));
        }
        for (Py_ssize_t i = t->at[j] + 1; i < o; i++) {
            t->char_at[i] = -1;
        }
    }
    t->at[t->n] = o;
    t->char_at[o] = t->n;
    return 0;
}

/* The group [p, stop)'s words that are the text from character k on: each word's bytes
 * (found with memchr, which reads a word's few bytes faster than a loop of compares) compared
 * with the text's UTF-8, a count parsed only for a word that matches (most do not).
 * counts[m] = the count of the word of m >= 2 characters (a later duplicate wins, as in a
 * dict); *top raised to the longest. A word without a count ends the group (the Python
 * parse's zip drops it). 1 when the group held a word, 0 when it is empty, -1 on a count
 * that is not digits. */
static int
match_group(const char *p, const char *stop, const Text *t, Py_ssize_t k, long long *counts, Py_ssize_t *top,
            int sorted)
{
    const char *from = (const char *)t->bytes + t->at[k];
    Py_ssize_t room = t->at[t->n] - t->at[k];
    int any = 0;
    while (p < stop) {
        const char *space = memchr(p, ' ', (size_t)(stop - p));
        if (space == NULL) {
            break; /* a word without a count */
        }
        const char *count_at = space + 1;
        const char *next = memchr(count_at, ' ', (size_t)(stop - count_at));
        const char *count_end = next != NULL ? next : stop;
        Py_ssize_t wlen = space - p;
        any = 1;
        if (sorted) {
            /* The words that are the text's beginnings sort at or before the text; from the
             * first word after it on, none is (a word past the text's end is after it too). */
            Py_ssize_t common = wlen < room ? wlen : room, j = 0;
            while (j < common && p[j] == from[j]) {
                j++;
            }
            if (j < common ? (unsigned char)p[j] > (unsigned char)from[j] : wlen > room) {
                break;
            }
            if (j == common) { /* the word is the text's beginning */
                Py_ssize_t m = t->char_at[t->at[k] + wlen] - k; /* negative: inside a character */
                if (m >= 2) {
                    if (count_of(count_at, count_end - count_at, &counts[m]) < 0) {
                        return -1;
                    }
                    *top = m > *top ? m : *top;
                }
            }
            p = count_end + 1;
            continue;
        }
        /* the word's last byte first: most words of the pair's group differ there (their
         * first two characters are the text's), and it spares a memcmp call */
        if (wlen <= room && wlen > 0 && p[wlen - 1] == from[wlen - 1] && memcmp(p, from, (size_t)wlen) == 0) {
            Py_ssize_t m = t->char_at[t->at[k] + wlen] - k; /* negative: inside a character */
            if (m >= 2) {
                if (count_of(count_at, count_end - count_at, &counts[m]) < 0) {
                    return -1;
                }
                *top = m > *top ? m : *top;
            }
        }
        p = count_end + 1;
    }
    return any;
}

/* Whether the added word x is the text from k on (to its length). */
static int
extra_at(const Extra *x, const Text *t, Py_ssize_t k)
{
    if (x->len > t->n - k) {
        return 0;
    }
    for (Py_ssize_t j = 0; j < x->len; j++) {
        if (PyUnicode_READ(t->kind, t->data, k + j) != x->chars[j]) {
            return 0;
        }
    }
    return 1;
}

/* Whether some added word may begin with ch (a filter: perhaps when none does, never not when
 * one does); with set, record that one does. */
static int
first_bit(WordTable *self, Py_UCS4 ch, int set)
{
    uint32_t h = (uint32_t)(ch * 0x9E3779B1u) >> FIRST_SHIFT;
    uint64_t bit = (uint64_t)1 << (h & 63);
    if (set) {
        self->extra_firsts[h >> 6] |= bit;
    }
    return (self->extra_firsts[h >> 6] & bit) != 0;
}

/* The first added word whose first character is ch or after it (the extras are sorted by it). */
static Py_ssize_t
extras_from(const WordTable *self, Py_UCS4 ch)
{
    Py_ssize_t lo = 0, hi = self->n_extras;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (self->extras[mid].chars[0] < ch) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo;
}

/* The count of ch (whose line is k, line_of's) as a one-character word (an added one's
 * wins), -1 when it is none; -2 on an error. *begins: whether some word begins with ch. */
static long long
single_of(WordTable *self, Py_UCS4 ch, Py_ssize_t k, int *begins)
{
    long long count = -1;
    *begins = 0;
    if (first_bit(self, ch, 0)) {
        for (Py_ssize_t i = extras_from(self, ch); i < self->n_extras && self->extras[i].chars[0] == ch; i++) {
            const Extra *x = &self->extras[i];
            *begins = 1;
            if (x->len == 1) {
                count = x->count;
            }
        }
    }
    if (k >= 0) {
        *begins = 1;
        if (count < 0) {
            Line *line = line_read(self, k);
            if (line == NULL) {
                return -2;
            }
            count = line->single;
        }
    }
    return count;
}

/* The counts of the words of two or more characters that begin at character k of the text
 * (whose first character's line is line, line_of's), by their length: counts[m] for the word of m characters, the dictionary's and then the added
 * ones, whose counts win. counts has room for n - k + 1 and holds -1 (no word) from 2 on when
 * called; the caller resets what was written (only up to the longest word found: clearing
 * to the text's end at every start would make a long clause quadratic). The longest word's
 * length (1 when there is none), or -1 on an error. */
static Py_ssize_t
counts_at(WordTable *self, const Text *t, Py_ssize_t k, Py_ssize_t line, long long *counts)
{
    Py_ssize_t top = 1;
    if (t->n - k < 2) {
        return top;
    }
    Py_UCS4 a = PyUnicode_READ(t->kind, t->data, k), b = PyUnicode_READ(t->kind, t->data, k + 1);
    const char *p, *stop;
    int found = group_of(self, line, b, &p, &stop);
    if (found < 0) {
        return -1;
    }
    if (found) {
        int any = match_group(p, stop, t, k, counts, &top, self->sorted);
        if (any < 0) {
            return -1;
        }
        if (!any) {
            PyErr_SetString(PyExc_ValueError, "an empty group");
            return -1;
        }
    }
    if (first_bit(self, a, 0)) {
        for (Py_ssize_t i = extras_from(self, a); i < self->n_extras && self->extras[i].chars[0] == a; i++) {
            const Extra *x = &self->extras[i];
            if (x->len >= 2 && extra_at(x, t, k)) {
                counts[x->len] = x->count;
                top = x->len > top ? x->len : top;
            }
        }
    }
    return top;
}

PyDoc_STRVAR(get_doc,
"get(word, default=None) -> int\n\n"
"The count of ``word`` (an added word's wins); for a single character that is no word but\n"
"begins one, 0 (jieba stores every prefix with count 0); ``default`` when it is neither.");

static PyObject *
table_get(WordTable *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "get() takes a str and an optional default");
        return NULL;
    }
    PyObject *word = args[0], *none = nargs == 2 ? args[1] : Py_None;
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    if (n == 0) {
        return Py_NewRef(none);
    }
    if (n == 1) {
        int begins;
        Py_UCS4 ch = PyUnicode_READ_CHAR(word, 0);
        long long count = single_of(self, ch, line_of(self, ch), &begins);
        if (count == -2) {
            return NULL;
        }
        if (count < 0) {
            if (!begins) {
                return Py_NewRef(none);
            }
            count = 0;
        }
        return PyLong_FromLongLong(count);
    }
    Text t;
    if (text_of(word, &t) < 0) {
        return NULL;
    }
    long long *counts = PyMem_Malloc((size_t)(n + 1) * sizeof(long long));
    PyObject *result = NULL;
    if (counts == NULL) {
        PyErr_NoMemory();
    }
    else {
        for (Py_ssize_t m = 0; m <= n; m++) {
            counts[m] = -1;
        }
        if (counts_at(self, &t, 0, line_of(self, PyUnicode_READ_CHAR(word, 0)), counts) >= 0) {
            result = counts[n] < 0 ? Py_NewRef(none) : PyLong_FromLongLong(counts[n]);
        }
    }
    PyMem_Free(counts);
    text_free(&t);
    return result;
}

/* The characters of a word that word_str decodes itself: longer words go to the general decoder. */
#define SHORT_WORD 32

/* A word's UTF-8 bytes as a str: decoded here (the general decoder's set-up cost ~1,400
 * instructions a word, more than the rest of words(): round 17's word_of), the general
 * decoder for a longer word; ValueError on bytes that are not well-formed. */
static PyObject *
word_str(const char *w, Py_ssize_t wlen)
{
    Py_UCS4 chars[SHORT_WORD], maxchar = 0;
    Py_ssize_t n = 0;
    const unsigned char *p = (const unsigned char *)w, *end = p + wlen;
    while (p < end) {
        if (n == SHORT_WORD) {
            PyObject *word = PyUnicode_DecodeUTF8(w, wlen, "strict");
            if (word == NULL && PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) {
                PyErr_Clear();
                not_utf8();
            }
            return word;
        }
        if (utf8_next(&p, end, &chars[n]) < 0) {
            not_utf8();
            return NULL;
        }
        maxchar = chars[n] > maxchar ? chars[n] : maxchar;
        n++;
    }
    PyObject *word = PyUnicode_New(n, maxchar);
    if (word == NULL) {
        return NULL;
    }
    int kind = PyUnicode_KIND(word);
    void *data = PyUnicode_DATA(word);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyUnicode_WRITE(kind, data, i, chars[i]);
    }
    return word;
}

/* A str of the UCS4 characters. */
static PyObject *
str_of(const Py_UCS4 *chars, Py_ssize_t n)
{
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, n);
}

/* counts[word] = count, keeping the longest word's length in *longest. */
static int
put(PyObject *counts, PyObject *word, long long count, Py_ssize_t *longest)
{
    PyObject *value = PyLong_FromLongLong(count);
    if (value == NULL || PyDict_SetItem(counts, word, value) < 0) {
        Py_XDECREF(value);
        return -1;
    }
    Py_DECREF(value);
    if (PyUnicode_GET_LENGTH(word) > *longest) {
        *longest = PyUnicode_GET_LENGTH(word);
    }
    return 0;
}

PyDoc_STRVAR(words_doc,
"words(pair) -> (counts, longest)\n\n"
"The words (dictionary or added) that begin with the first two characters of ``pair`` as\n"
"a dict of word to count (an added word's count wins), and the length of the longest (0\n"
"when there is none).");

static PyObject *
table_words(WordTable *self, PyObject *pair)
{
    if (!PyUnicode_Check(pair) || PyUnicode_GET_LENGTH(pair) < 2) {
        PyErr_SetString(PyExc_TypeError, "words() takes a str of two characters or more");
        return NULL;
    }
    Py_UCS4 a = PyUnicode_READ_CHAR(pair, 0), b = PyUnicode_READ_CHAR(pair, 1);
    PyObject *counts = PyDict_New();
    Py_ssize_t longest = 0;
    if (counts == NULL) {
        return NULL;
    }
    const char *p, *stop;
    int found = group_of(self, line_of(self, a), b, &p, &stop);
    if (found < 0) {
        goto fail;
    }
    if (found) {
        const char *w;
        Py_ssize_t wlen;
        long long count;
        int rc;
        while ((rc = next_entry(&p, stop, &w, &wlen, &count)) > 0) {
            PyObject *word = word_str(w, wlen);
            if (word == NULL) {
                goto fail;
            }
            int failed = put(counts, word, count, &longest);
            Py_DECREF(word);
            if (failed) {
                goto fail;
            }
        }
        if (rc < 0) {
            goto fail;
        }
        if (PyDict_GET_SIZE(counts) == 0) {
            PyErr_SetString(PyExc_ValueError, "an empty group");
            goto fail;
        }
    }
    for (Py_ssize_t i = 0; i < self->n_extras; i++) {
        const Extra *x = &self->extras[i];
        if (x->len >= 2 && x->chars[0] == a && x->chars[1] == b) {
            PyObject *word = str_of(x->chars, x->len);
            if (word == NULL) {
                goto fail;
            }
            int failed = put(counts, word, x->count, &longest);
            Py_DECREF(word);
            if (failed) {
                goto fail;
            }
        }
    }
    return Py_BuildValue("(Nn)", counts, longest);
fail:
    Py_DECREF(counts);
    return NULL;
}

PyDoc_STRVAR(add_doc,
"add(word, count)\n\n"
"Add ``word`` with ``count`` (or set an added word's count): its count wins over the\n"
"dictionary's.");

static PyObject *
table_add(WordTable *self, PyObject *args)
{
    PyObject *word;
    long long count;
    if (!PyArg_ParseTuple(args, "UL:add", &word, &count)) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    if (n == 0 || count < 0) {
        PyErr_SetString(PyExc_ValueError, "an empty word or a negative count");
        return NULL;
    }
    Py_UCS4 *chars = PyUnicode_AsUCS4Copy(word);
    if (chars == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (chars[i] >= 0xD800 && chars[i] <= 0xDFFF) {
            PyMem_Free(chars);
            PyErr_SetString(PyExc_ValueError, "a word with a surrogate");
            return NULL;
        }
    }
    for (Py_ssize_t i = 0; i < self->n_extras; i++) {
        Extra *x = &self->extras[i];
        if (x->len == n && memcmp(x->chars, chars, (size_t)n * sizeof(Py_UCS4)) == 0) {
            PyMem_Free(chars);
            x->count = count;
            Py_RETURN_NONE;
        }
    }
    if (self->n_extras == self->cap_extras) {
        Py_ssize_t cap = self->cap_extras ? 2 * self->cap_extras : 16;
        Extra *grown = PyMem_Realloc(self->extras, (size_t)cap * sizeof(Extra));
        if (grown == NULL) {
            PyMem_Free(chars);
            return PyErr_NoMemory();
        }
        self->extras = grown;
        self->cap_extras = cap;
    }
    /* in place by first character, after those of the same one (the order words() puts them in) */
    Py_ssize_t at = self->n_extras++;
    while (at > 0 && self->extras[at - 1].chars[0] > chars[0]) {
        self->extras[at] = self->extras[at - 1];
        at--;
    }
    self->extras[at] = (Extra){chars, n, count};
    first_bit(self, chars[0], 1);
    Py_RETURN_NONE;
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
 * two or more long (the caller decides those: a word, or jieba's HMM). */
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
"route(clause, logtotal) -> (ends, runs)\n\n"
"The ends of jieba's best route's words in a run of Han characters (LazyTokenizer.\n"
"_python_route's dynamic programming, its sums in its order: log(count) - logtotal + score,\n"
"a tie to the longer word), each single character its own, and runs: (index in ends, start,\n"
"end) of each run of two or more single characters, whose ends the caller decides.");

static PyObject *
table_route(WordTable *self, PyObject *args)
{
    PyObject *clause;
    double logtotal;
    if (!PyArg_ParseTuple(args, "Ud:route", &clause, &logtotal)) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(clause);
    Text t;
    if (text_of(clause, &t) < 0) {
        return NULL;
    }
    double *score = PyMem_Malloc((size_t)(n + 1) * sizeof(double));
    Py_ssize_t *step = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    long long *counts = PyMem_Malloc((size_t)(n + 1) * sizeof(long long));
    PyObject *ends = NULL, *runs = NULL;
    if (score == NULL || step == NULL || counts == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t m = 0; m <= n; m++) {
        counts[m] = -1;
    }
    score[n] = 0.0;
    for (Py_ssize_t k = n - 1; k >= 0; k--) {
        int begins;
        Py_UCS4 ch = PyUnicode_READ(t.kind, t.data, k);
        Py_ssize_t line = line_of(self, ch);
        long long single = single_of(self, ch, line, &begins);
        Py_ssize_t top = single == -2 ? -1 : counts_at(self, &t, k, line, counts);
        if (top < 0) {
            goto fail;
        }
        double after = score[k + 1];
        /* _Start's weight: log(count) - log(total), none for a count of 0 or no word */
        double best = single > 0 ? (log((double)single) - logtotal) + after : -INFINITY;
        Py_ssize_t end = k + 1;
        for (Py_ssize_t m = 2; m <= top; m++) {
            if (counts[m] > 0) {
                double s = (log((double)counts[m]) - logtotal) + score[k + m];
                if (s >= best) {
                    best = s;
                    end = k + m;
                }
            }
            counts[m] = -1;
        }
        if (best == -INFINITY) { /* no word begins here: the character alone, counted once */
            best = (log(1.0) - logtotal) + after;
        }
        score[k] = best;
        step[k] = end;
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
    PyMem_Free(counts);
    text_free(&t);
    PyObject *result = PyTuple_Pack(2, ends, runs);
    Py_DECREF(ends);
    Py_DECREF(runs);
    return result;
fail:
    PyMem_Free(score);
    PyMem_Free(step);
    PyMem_Free(counts);
    text_free(&t);
    Py_XDECREF(ends);
    Py_XDECREF(runs);
    return NULL;
}

static PyMethodDef table_methods[] = {
    {"get", (PyCFunction)(void (*)(void))table_get, METH_FASTCALL, get_doc},
    {"words", (PyCFunction)table_words, METH_O, words_doc},
    {"add", (PyCFunction)table_add, METH_VARARGS, add_doc},
    {"route", (PyCFunction)table_route, METH_VARARGS, route_doc},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject WordTableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._word_table.WordTable",
    .tp_doc = PyDoc_STR("WordTable(data, body, sorted=False): the segmentation dictionary's lines of data from byte body on;\n"
    "sorted: each group's words are in byte order, each once (read up to the first word past the text)."),
    .tp_basicsize = sizeof(WordTable),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)table_init,
    .tp_dealloc = (destructor)table_dealloc,
    .tp_methods = table_methods,
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_word_table",
    "The segmentation dictionary read in place (see segmentation._CompiledFrequencies).",
    -1, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__word_table(void)
{
    if (PyType_Ready(&WordTableType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(module, "WordTable", (PyObject *)&WordTableType) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
