/* The shared pass's literal scan (gongwen.analysis.shared_scan.SharedScan.split) on the str's
 * code points: an Aho-Corasick automaton over the union of the matchers' keys, whose hits are
 * handed to each matcher as (its key index, start, end) in the order of its own overlapping
 * search (by end, the longest first). ahocorasick_rs's DFA steps through the text's UTF-8
 * (~3 bytes a character of Chinese, 0.032 s for the benchmark's 3.5 M characters: no
 * prefilter can skip bytes that begin every Han character); here a character that begins no
 * key costs one bit of a bitmap of the BMP, and the routing to the matchers is done in the
 * same loop instead of by Python over 59,000 hits. A fuzzy matcher's hits (35,000 of them: its
 * pieces, mostly found in other text) are sifted in the loop as _fuzzy_sift.sift would sift
 * them (_fuzzy_sift.h) and handed over as (exact, tries), never as Python tuples.
 *
 * The automaton is built here from the matchers' own key lists: a key held by several matchers
 * (or twice by one) is one node with a chain of (slot, local) routes, so no union list and no
 * route tuples are made in Python: with TYP022's 7,100 anchors, posts and openers the routes'
 * dict, lists and tuples (and the collector's walks over them, and freeing them at exit) cost
 * 27 M instructions of a 400-file run (callgrind). Each node holds a chain of routes instead.
 *
 * ahocorasick_rs with Python's routing (and each fuzzy matcher's sift) is the reference:
 * tests/analysis/test_literal_scan.py compares the two over thousands of texts dense in keys
 * and of slipped protected strings. Optional: when this does not build,
 * the reference runs. Linear: the failure links are followed at most once per character read,
 * amortized, and each hit is emitted once per matcher that holds its key. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "_fuzzy_sift.h"

#define BMP 0x10000
/* The keys' first two characters, hashed into a bit set of 2^PAIR_BITS bits (32 KB): */
#define PAIR_BITS 18

/* A fuzzy matcher's tables (fuzzy.FuzzyMatcher.sift_table): its hits are sifted in the pass
 * (_fuzzy_sift.h), and it gets (exact, tries) instead of hits: 35,000 of the benchmark's
 * 59,000 hits are one matcher's pieces in other text, which never become Python objects. */
typedef struct {
    PyObject *sites;      /* list: per key of the matcher that is a piece, its sites; the keys past them are shields */
    Py_ssize_t long_from;
    PyObject *numerals;
} Sifter;

typedef struct {
    PyObject_HEAD
    Py_ssize_t nodes;
    int32_t *root;        /* BMP code point -> child of the root, or 0 */
    uint8_t *starts;      /* bitmap of the BMP code points that begin a key */
    uint8_t *ones;        /* bitmap of the BMP code points that are a key of their own */
    uint8_t *pairs;       /* bit set of the hashed first two characters of the longer keys */
    int32_t *kids;        /* a node's number of children; one child is read without hashing: */
    Py_UCS4 *kid_char;    /*   its character */
    int32_t *kid;         /*   and the child */
    uint64_t *slot_key;   /* open addressing: (parent << 21 | code point) + 1, 0 empty */
    int32_t *slot_child;
    uint64_t mask;
    int32_t *fail;        /* the longest proper suffix that is a node */
    int32_t *out;         /* the longest proper suffix that ends a key, or 0 */
    int32_t *key;         /* the first route of the key a node ends (into the arrays below), or -1 */
    int32_t *depth;
    int32_t *route_slot;  /* per route: the matcher's slot, */
    int32_t *route_local; /*   its index of the key, */
    int32_t *route_next;  /*   and the key's next route (by slot, then local index), or -1 */
    Py_ssize_t matchers;
    Sifter *sifters;      /* per slot: how its hits are sifted as they are found (sites NULL: not) */
} Scanner;

static uint64_t
edge(int32_t parent, Py_UCS4 ch)
{
    return (((uint64_t)parent << 21) | ch) + 1;
}

static uint64_t
edge_hash(uint64_t e, uint64_t mask)
{
    return (e * 0x9E3779B97F4A7C15ull >> 17) & mask;
}

/* The child of `node` by `ch`, or 0 (the root is never a child). Most nodes have at most one
 * child (the rest of a key, or a key's end), and most characters read fail there: no hash. */
static int32_t
child(const Scanner *s, int32_t node, Py_UCS4 ch)
{
    if (node == 0) {
        if (ch < BMP) {
            return s->root[ch];
        }
    }
    else if (s->kids[node] < 2) {
        return s->kids[node] == 1 && s->kid_char[node] == ch ? s->kid[node] : 0;
    }
    uint64_t e = edge(node, ch);
    for (uint64_t h = edge_hash(e, s->mask);; h = (h + 1) & s->mask) {
        if (s->slot_key[h] == e) {
            return s->slot_child[h];
        }
        if (s->slot_key[h] == 0) {
            return 0;
        }
    }
}

static uint32_t
pair_hash(Py_UCS4 a, Py_UCS4 b)
{
    return ((uint32_t)a * 0x9E3779B1u ^ (uint32_t)b * 0x85EBCA77u) >> (32 - PAIR_BITS);
}

static void
add_child(Scanner *s, int32_t node, Py_UCS4 ch, int32_t next)
{
    if (node == 0 && ch < BMP) {
        s->root[ch] = next;
        s->starts[ch >> 3] |= (uint8_t)(1 << (ch & 7));
        return;
    }
    if (node != 0 && s->kids[node]++ == 0) {
        s->kid_char[node] = ch;
        s->kid[node] = next;
    }
    uint64_t e = edge(node, ch);
    uint64_t h = edge_hash(e, s->mask);
    while (s->slot_key[h] != 0) {
        h = (h + 1) & s->mask;
    }
    s->slot_key[h] = e;
    s->slot_child[h] = next;
}

static void
scanner_free(Scanner *s)
{
    PyMem_Free(s->root);
    PyMem_Free(s->starts);
    PyMem_Free(s->ones);
    PyMem_Free(s->pairs);
    PyMem_Free(s->kids);
    PyMem_Free(s->kid_char);
    PyMem_Free(s->kid);
    PyMem_Free(s->slot_key);
    PyMem_Free(s->slot_child);
    PyMem_Free(s->fail);
    PyMem_Free(s->out);
    PyMem_Free(s->key);
    PyMem_Free(s->depth);
    PyMem_Free(s->route_slot);
    PyMem_Free(s->route_local);
    PyMem_Free(s->route_next);
    if (s->sifters != NULL) {
        for (Py_ssize_t m = 0; m < s->matchers; m++) {
            Py_XDECREF(s->sifters[m].sites);
            Py_XDECREF(s->sifters[m].numerals);
        }
        PyMem_Free(s->sifters);
    }
    Py_TYPE(s)->tp_free((PyObject *)s);
}

/* Whether a key's code points are all ones the reference reads as they are: not NUL, not a lone
 * surrogate (ahocorasick_rs reads the text's lone surrogates as NUL: shared_scan.rust_safe). */
static int
plain_key(PyObject *k)
{
    for (Py_ssize_t j = 0; j < PyUnicode_GET_LENGTH(k); j++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(k, j);
        if (ch == 0 || (ch >= 0xD800 && ch <= 0xDFFF)) {
            return 0;
        }
    }
    return 1;
}

/* Scanner(key_lists, sifters=None): key_lists one sequence of non-empty str per matcher slot (a
 * key may recur, in one list or across lists); sifters, one per slot, None or a fuzzy matcher's
 * (sites, long_from, numerals). UnicodeError when a key holds NUL or a lone surrogate. */
static PyObject *
scanner_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *key_lists, *sifters = Py_None;
    static char *names[] = {"key_lists", "sifters", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!|O:Scanner", names, &PyList_Type, &key_lists, &sifters)) {
        return NULL;
    }
    Py_ssize_t matchers = PyList_GET_SIZE(key_lists);
    if (sifters != Py_None && (!PyList_Check(sifters) || PyList_GET_SIZE(sifters) != matchers)) {
        PyErr_SetString(PyExc_ValueError, "sifters must be None or a list with one item per matcher");
        return NULL;
    }
    for (Py_ssize_t m = 0; sifters != Py_None && m < matchers; m++) {
        PyObject *sifter = PyList_GET_ITEM(sifters, m);
        if (sifter != Py_None && (!PyTuple_Check(sifter) || PyTuple_GET_SIZE(sifter) != 3
                                  || !PyList_Check(PyTuple_GET_ITEM(sifter, 0))
                                  || !PyLong_Check(PyTuple_GET_ITEM(sifter, 1))
                                  || !PyUnicode_Check(PyTuple_GET_ITEM(sifter, 2)))) {
            PyErr_SetString(PyExc_TypeError, "a sifter must be None or (sites list, long_from, numerals str)");
            return NULL;
        }
    }
    /* the lists as tuples or lists held for the build (PySequence_Fast) */
    PyObject *lists = PyList_New(matchers);
    if (lists == NULL) {
        return NULL;
    }
    Py_ssize_t total = 1, n_routes = 0;
    for (Py_ssize_t m = 0; m < matchers; m++) {
        PyObject *fast = PySequence_Fast(PyList_GET_ITEM(key_lists, m), "each matcher's keys must be a sequence");
        if (fast == NULL) {
            Py_DECREF(lists);
            return NULL;
        }
        PyList_SET_ITEM(lists, m, fast);
        for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++) {
            PyObject *k = PySequence_Fast_GET_ITEM(fast, i);
            if (!PyUnicode_Check(k) || PyUnicode_GET_LENGTH(k) == 0) {
                Py_DECREF(lists);
                PyErr_SetString(PyExc_ValueError, "keys must be non-empty str");
                return NULL;
            }
            if (!plain_key(k)) {
                Py_DECREF(lists);
                PyErr_SetString(PyExc_UnicodeError, "a key holds NUL or a lone surrogate");
                return NULL;
            }
            total += PyUnicode_GET_LENGTH(k);
            n_routes++;
            if (total >= INT32_MAX / 4 || n_routes >= INT32_MAX) {
                Py_DECREF(lists);
                PyErr_SetString(PyExc_ValueError, "too many characters in the keys");
                return NULL;
            }
        }
    }
    Scanner *s = (Scanner *)type->tp_alloc(type, 0);
    if (s == NULL) {
        Py_DECREF(lists);
        return NULL;
    }
    uint64_t capacity = 16;
    while (capacity < (uint64_t)total * 2) {
        capacity <<= 1;
    }
    s->mask = capacity - 1;
    s->root = PyMem_Calloc(BMP, sizeof(int32_t));
    s->starts = PyMem_Calloc(BMP / 8, 1);
    s->ones = PyMem_Calloc(BMP / 8, 1);
    s->pairs = PyMem_Calloc((1 << PAIR_BITS) / 8, 1);
    s->kids = PyMem_Calloc(total, sizeof(int32_t));
    s->kid_char = PyMem_Calloc(total, sizeof(Py_UCS4));
    s->kid = PyMem_Calloc(total, sizeof(int32_t));
    s->slot_key = PyMem_Calloc(capacity, sizeof(uint64_t));
    s->slot_child = PyMem_Calloc(capacity, sizeof(int32_t));
    s->fail = PyMem_Calloc(total, sizeof(int32_t));
    s->out = PyMem_Calloc(total, sizeof(int32_t));
    s->key = PyMem_Malloc(total * sizeof(int32_t));
    s->depth = PyMem_Calloc(total, sizeof(int32_t));
    s->route_slot = PyMem_Malloc((n_routes + 1) * sizeof(int32_t));
    s->route_local = PyMem_Malloc((n_routes + 1) * sizeof(int32_t));
    s->route_next = PyMem_Malloc((n_routes + 1) * sizeof(int32_t));
    int32_t *last = PyMem_Malloc(total * sizeof(int32_t)); /* a node's last route so far */
    int32_t *queue = PyMem_Malloc(total * sizeof(int32_t));
    if (!s->root || !s->starts || !s->ones || !s->pairs || !s->kids || !s->kid_char || !s->kid || !s->slot_key || !s->slot_child || !s->fail
            || !s->out || !s->key || !s->depth || !s->route_slot || !s->route_local || !s->route_next || !last || !queue) {
        PyMem_Free(last);
        PyMem_Free(queue);
        Py_DECREF(lists);
        Py_DECREF(s);
        return PyErr_NoMemory();
    }
    s->key[0] = -1;
    s->nodes = 1;
    int32_t r = 0;
    for (Py_ssize_t m = 0; m < matchers; m++) {
        PyObject *fast = PyList_GET_ITEM(lists, m);
        for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++) {
            PyObject *k = PySequence_Fast_GET_ITEM(fast, i);
            int32_t node = 0;
            Py_UCS4 first = PyUnicode_READ_CHAR(k, 0);
            if (PyUnicode_GET_LENGTH(k) == 1) {
                if (first < BMP) {
                    s->ones[first >> 3] |= (uint8_t)(1 << (first & 7));
                }
            }
            else {
                uint32_t h = pair_hash(first, PyUnicode_READ_CHAR(k, 1));
                s->pairs[h >> 3] |= (uint8_t)(1 << (h & 7));
            }
            for (Py_ssize_t j = 0; j < PyUnicode_GET_LENGTH(k); j++) {
                Py_UCS4 ch = PyUnicode_READ_CHAR(k, j);
                int32_t next = child(s, node, ch);
                if (next == 0) {
                    next = (int32_t)s->nodes++;
                    s->key[next] = -1;
                    s->depth[next] = s->depth[node] + 1;
                    add_child(s, node, ch, next);
                }
                node = next;
            }
            /* routes in the order Python's routing met them: by slot, then local index */
            s->route_slot[r] = (int32_t)m;
            s->route_local[r] = (int32_t)i;
            s->route_next[r] = -1;
            if (s->key[node] < 0) {
                s->key[node] = r;
            }
            else {
                s->route_next[last[node]] = r;
            }
            last[node] = r++;
        }
    }
    PyMem_Free(last);
    Py_DECREF(lists);
    /* Breadth first, so that a node's failure is settled before its children's: the root's
     * children (failing to the root) first. */
    Py_ssize_t head = 0, tail = 0;
    for (Py_UCS4 ch = 0; ch < BMP; ch++) {
        if (s->root[ch]) {
            queue[tail++] = s->root[ch];
        }
    }
    for (uint64_t h = 0; h <= s->mask; h++) {
        if (s->slot_key[h] && ((s->slot_key[h] - 1) >> 21) == 0) {
            queue[tail++] = s->slot_child[h]; /* the root's children beyond the BMP */
        }
    }
    /* The edges grouped by parent (a counting sort of the table), for the walk below. */
    Py_ssize_t n_edges = 0;
    for (uint64_t h = 0; h <= s->mask; h++) {
        n_edges += s->slot_key[h] != 0;
    }
    int32_t *first = PyMem_Malloc((s->nodes + 1) * sizeof(int32_t));
    int32_t *edge_child = PyMem_Malloc((n_edges + 1) * sizeof(int32_t));
    Py_UCS4 *edge_char = PyMem_Malloc((n_edges + 1) * sizeof(Py_UCS4));
    if (!first || !edge_child || !edge_char) {
        PyMem_Free(first);
        PyMem_Free(edge_child);
        PyMem_Free(edge_char);
        PyMem_Free(queue);
        Py_DECREF(s);
        return PyErr_NoMemory();
    }
    memset(first, 0, (s->nodes + 1) * sizeof(int32_t));
    for (uint64_t h = 0; h <= s->mask; h++) {
        if (s->slot_key[h]) {
            first[((s->slot_key[h] - 1) >> 21) + 1]++;
        }
    }
    for (Py_ssize_t u = 0; u < s->nodes; u++) {
        first[u + 1] += first[u];
    }
    {
        int32_t *fill = PyMem_Malloc((s->nodes + 1) * sizeof(int32_t));
        if (!fill) {
            PyMem_Free(first);
            PyMem_Free(edge_child);
            PyMem_Free(edge_char);
            PyMem_Free(queue);
            Py_DECREF(s);
            return PyErr_NoMemory();
        }
        memcpy(fill, first, (s->nodes + 1) * sizeof(int32_t));
        for (uint64_t h = 0; h <= s->mask; h++) {
            if (s->slot_key[h]) {
                uint64_t e = s->slot_key[h] - 1;
                int32_t parent = (int32_t)(e >> 21);
                edge_child[fill[parent]] = s->slot_child[h];
                edge_char[fill[parent]] = (Py_UCS4)(e & 0x1FFFFF);
                fill[parent]++;
            }
        }
        PyMem_Free(fill);
    }
    while (head < tail) {
        int32_t u = queue[head++];
        for (int32_t e = first[u]; e < first[u + 1]; e++) { /* the root's children fail to it */
            int32_t v = edge_child[e];
            Py_UCS4 ch = edge_char[e];
            int32_t f = s->fail[u], to;
            while ((to = child(s, f, ch)) == 0 && f != 0) {
                f = s->fail[f];
            }
            s->fail[v] = to;
            s->out[v] = s->key[to] >= 0 ? to : s->out[to];
            queue[tail++] = v;
        }
    }
    PyMem_Free(first);
    PyMem_Free(edge_child);
    PyMem_Free(edge_char);
    PyMem_Free(queue);
    s->sifters = PyMem_Calloc(matchers ? matchers : 1, sizeof(Sifter));
    if (s->sifters == NULL) {
        Py_DECREF(s);
        return PyErr_NoMemory();
    }
    s->matchers = matchers;
    for (Py_ssize_t m = 0; sifters != Py_None && m < matchers; m++) {
        PyObject *sifter = PyList_GET_ITEM(sifters, m);
        if (sifter == Py_None) {
            continue;
        }
        Py_ssize_t long_from = PyLong_AsSsize_t(PyTuple_GET_ITEM(sifter, 1));
        if (long_from == -1 && PyErr_Occurred()) {
            Py_DECREF(s);
            return NULL;
        }
        s->sifters[m].sites = Py_NewRef(PyTuple_GET_ITEM(sifter, 0));
        s->sifters[m].long_from = long_from;
        s->sifters[m].numerals = Py_NewRef(PyTuple_GET_ITEM(sifter, 2));
    }
    return (PyObject *)s;
}

/* A sifted matcher's hit of its key `local` at [start, end): as _fuzzy_sift.sift reads it. */
static int
sift_hit(const Sifter *sifter, const Text *t, PyObject *found, Py_ssize_t key, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *exact = PyTuple_GET_ITEM(found, 0), *tries = PyTuple_GET_ITEM(found, 1);
    if (key >= PyList_GET_SIZE(sifter->sites)) { /* a correct string */
        return append_pair(exact, start, end);
    }
    PyObject *at = PyList_GET_ITEM(sifter->sites, key);
    if (!PyList_Check(at)) {
        PyErr_SetString(PyExc_TypeError, "sites must be lists");
        return -1;
    }
    /* sift_site never runs Python code, so the list cannot change under the loop */
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(at); k++) {
        if (sift_site(t, PyList_GET_ITEM(at, k), start, sifter->long_from, sifter->numerals, exact, tries) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Hand the key that node `at` ends, found at [start, end), to each matcher that holds it. */
static int
emit(const Scanner *s, const Text *t, PyObject *out, int32_t at, Py_ssize_t start, Py_ssize_t end)
{
    for (int32_t r = s->key[at]; r >= 0; r = s->route_next[r]) {
        Py_ssize_t slot = s->route_slot[r];
        if (s->sifters[slot].sites != NULL) {
            if (sift_hit(&s->sifters[slot], t, PyList_GET_ITEM(out, slot), s->route_local[r], start, end) < 0) {
                return -1;
            }
            continue;
        }
        PyObject *hit = PyTuple_New(3), *local = PyLong_FromLong(s->route_local[r]);
        PyObject *a = PyLong_FromSsize_t(start), *b = PyLong_FromSsize_t(end);
        if (hit == NULL || local == NULL || a == NULL || b == NULL) {
            Py_XDECREF(hit);
            Py_XDECREF(local);
            Py_XDECREF(a);
            Py_XDECREF(b);
            return -1;
        }
        PyTuple_SET_ITEM(hit, 0, local);
        PyTuple_SET_ITEM(hit, 1, a);
        PyTuple_SET_ITEM(hit, 2, b);
        int failed = PyList_Append(PyList_GET_ITEM(out, slot), hit);
        Py_DECREF(hit);
        if (failed) {
            return -1;
        }
    }
    return 0;
}

/* The first place from i on where a key may begin (one beyond the BMP always may, as the root's
 * hashed edges hold those), or n. A character that begins only keys of two characters or more,
 * followed by one that begins none of them with it (the pair's bit unset), is passed over too:
 * from the root the automaton would step down to that character's node and fail back to the root
 * at the next, as if it had stayed (a node of depth one has no output and fails to the root).
 * TYP022's anchors begin with common characters (县, 市, 国 …): the step down and back cost the
 * pass some 80 instructions at each of 400,000 of them in 400 files, the pair's bit ~10. */
#define SKIP_TO_START(type)                                                               \
    do {                                                                                  \
        const type *chars = (const type *)data;                                           \
        for (; i < n; i++) {                                                              \
            Py_UCS4 ch = chars[i];                                                        \
            if (ch >= BMP) {                                                              \
                break;                                                                    \
            }                                                                             \
            uint8_t bit = (uint8_t)(1 << (ch & 7));                                       \
            if (!(s->starts[ch >> 3] & bit)) {                                            \
                continue;                                                                 \
            }                                                                             \
            if (s->ones[ch >> 3] & bit) {                                                 \
                break;                                                                    \
            }                                                                             \
            if (i + 1 < n) {                                                              \
                uint32_t h = pair_hash(ch, chars[i + 1]);                                 \
                if (s->pairs[h >> 3] & (1 << (h & 7))) {                                  \
                    break;                                                                \
                }                                                                         \
            }                                                                             \
        }                                                                                 \
    } while (0)

static Py_ssize_t
next_start(const Scanner *s, int kind, const void *data, Py_ssize_t i, Py_ssize_t n)
{
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        SKIP_TO_START(Py_UCS1);
        break;
    case PyUnicode_2BYTE_KIND:
        SKIP_TO_START(Py_UCS2);
        break;
    default:
        SKIP_TO_START(Py_UCS4);
        break;
    }
    return i;
}

PyDoc_STRVAR(split_doc,
"split(text) -> list\n\n"
"Every matcher's hits in text, (local key index, start, end), as SharedScan.split gives them;\n"
"a sifted matcher's (exact, tries) instead.");

static PyObject *
scanner_split(Scanner *s, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "split takes a str");
        return NULL;
    }
    PyObject *out = PyList_New(s->matchers);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t m = 0; m < s->matchers; m++) {
        PyObject *hits = PyList_New(0);
        if (hits != NULL && s->sifters[m].sites != NULL) {
            PyObject *tries = PyList_New(0);
            PyObject *found = tries == NULL ? NULL : PyTuple_Pack(2, hits, tries);
            Py_DECREF(hits);
            Py_XDECREF(tries);
            hits = found;
        }
        if (hits == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, m, hits);
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Text t = {kind, data, n};
    int32_t state = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (state == 0) {
            /* most characters begin no key: an 8 KB bitmap, not the 256 KB table, read in a loop
             * of the text's own kind (about half the instructions of the pass were this test) */
            i = next_start(s, kind, data, i, n);
            if (i == n) {
                break;
            }
        }
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        int32_t next;
        while ((next = child(s, state, ch)) == 0 && state != 0) {
            state = s->fail[state];
        }
        state = next;
        if (state == 0) {
            continue;
        }
        /* the longest key ending here first, then the shorter ones through the output links */
        for (int32_t at = s->key[state] >= 0 ? state : s->out[state]; at != 0; at = s->out[at]) {
            if (emit(s, &t, out, at, i + 1 - s->depth[at], i + 1) < 0) {
                Py_DECREF(out);
                return NULL;
            }
        }
    }
    return out;
}

PyDoc_STRVAR(line_heads_doc,
"line_heads(data) -> list of str\n\n"
"Of each line of the UTF-8 bytes that is neither empty nor begins with '#', the text before its\n"
"first tab (the whole line if it has none): a generated file's keys (shared_scan.line_heads).");

static PyObject *
line_heads(PyObject *module, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    const char *p = view.buf, *end = p + view.len;
    PyObject *out = PyList_New(0);
    while (out != NULL && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl != NULL ? nl : end;
        if (line_end > p && *p != '#') {
            const char *tab = memchr(p, '\t', (size_t)(line_end - p));
            PyObject *head = PyUnicode_DecodeUTF8(p, (tab != NULL ? tab : line_end) - p, "strict");
            if (head == NULL || PyList_Append(out, head) < 0) {
                Py_XDECREF(head);
                Py_CLEAR(out);
                break;
            }
            Py_DECREF(head);
        }
        p = line_end + 1;
    }
    PyBuffer_Release(&view);
    return out;
}

static PyMethodDef module_methods[] = {
    {"line_heads", (PyCFunction)line_heads, METH_O, line_heads_doc},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef scanner_methods[] = {
    {"split", (PyCFunction)scanner_split, METH_O, split_doc},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._literal_scan.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Scanner(key_lists, sifters=None): the shared pass's automaton over the matchers' keys' code points.",
    .tp_new = scanner_new,
    .tp_dealloc = (destructor)scanner_free,
    .tp_methods = scanner_methods,
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_literal_scan",
    "The shared pass's literal scan, in C (see gongwen.analysis.shared_scan).",
    -1, module_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__literal_scan(void)
{
    if (PyType_Ready(&ScannerType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&ScannerType);
    if (PyModule_AddObject(module, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(&ScannerType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
