/* spate-blocklist.c: reading eMule, PeerGuardian and plain blocklists.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every line is read on its own, whatever the file's name says: lists are
 * often renamed, concatenated or served compressed under another name.
 */

#include "spate-blocklist-private.h"

#include <arpa/inet.h>
#include <glib/gi18n.h>
#include <string.h>

#include "spate-error.h"

/* Longer lines are no range; they are cut and counted as bad. */
#define MAX_LINE 1024
/* A decompressed list beyond this is not a blocklist but a gzip bomb. */
#define MAX_SIZE ((goffset) 1 << 30)
/* Stop early once this many lines in a row have not been ranges. */
#define MAX_BAD_PREFIX 1000
/* eMule levels above this mean "allowed". */
#define EMULE_BLOCK_LEVEL 127
#define READ_CHUNK        (64 * 1024)

struct _SpateBlocklist
{
  GObject parent_instance;

  GFile           *file;
  SpateLtIpFilter *filter;
  gsize            n_ranges;
  guint            n_skipped;
};

G_DEFINE_FINAL_TYPE (SpateBlocklist, spate_blocklist, G_TYPE_OBJECT)

/* ---------------------------------------------------------- addresses */

typedef struct
{
  int    family; /* AF_INET or AF_INET6 */
  guint8 bytes[16];
} Address;

static gsize
address_len (const Address *a)
{
  return a->family == AF_INET ? 4 : 16;
}

/* inet_pton refuses the zero-padded octets of eMule lists ("001.002.…"). */
static gboolean
parse_ipv4 (const char *s, gsize len, guint8 out[4])
{
  guint part = 0, value = 0, digits = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (s[i]))
        {
          value = value * 10 + (guint) (s[i] - '0');
          if (++digits > 3 || value > 255)
            return FALSE;
        }
      else if (s[i] == '.' && digits > 0 && part < 3)
        {
          out[part++] = (guint8) value;
          value = digits = 0;
        }
      else
        return FALSE;
    }
  if (digits == 0 || part != 3)
    return FALSE;
  out[3] = (guint8) value;
  return TRUE;
}

static void
trim (const char **s, gsize *len)
{
  while (*len > 0 && g_ascii_isspace (**s))
    (*s)++, (*len)--;
  while (*len > 0 && g_ascii_isspace ((*s)[*len - 1]))
    (*len)--;
}

static gboolean
parse_address (const char *s, gsize len, Address *out)
{
  char text[INET6_ADDRSTRLEN + 1];

  trim (&s, &len);
  if (memchr (s, ':', len) == NULL)
    {
      out->family = AF_INET;
      return parse_ipv4 (s, len, out->bytes);
    }
  if (len >= sizeof text)
    return FALSE;
  memcpy (text, s, len);
  text[len] = '\0';
  out->family = AF_INET6;
  return inet_pton (AF_INET6, text, out->bytes) == 1;
}

/* "a-b", "a - b", "a/prefix" or "a". */
static gboolean
parse_range (const char *s, gsize len, Address *first, Address *last)
{
  const char *sep;

  trim (&s, &len);
  if (len == 0)
    return FALSE;
  if ((sep = memchr (s, '/', len)) != NULL)
    {
      const char *digits = sep + 1;
      gsize       n_digits = len - (gsize) (digits - s);
      guint       prefix = 0;

      trim (&digits, &n_digits);
      if (n_digits == 0 || n_digits > 3 || !parse_address (s, (gsize) (sep - s), first))
        return FALSE;
      for (gsize i = 0; i < n_digits; i++)
        {
          if (!g_ascii_isdigit (digits[i]))
            return FALSE;
          prefix = prefix * 10 + (guint) (digits[i] - '0');
        }
      if (prefix > address_len (first) * 8)
        return FALSE;
      *last = *first;
      for (guint bit = prefix; bit < address_len (first) * 8; bit++)
        {
          guint8 mask = (guint8) (0x80 >> (bit % 8));

          first->bytes[bit / 8] &= (guint8) ~mask;
          last->bytes[bit / 8] |= mask;
        }
      return TRUE;
    }
  if ((sep = memchr (s, '-', len)) != NULL)
    {
      if (!parse_address (s, (gsize) (sep - s), first) ||
          !parse_address (sep + 1, len - (gsize) (sep + 1 - s), last))
        return FALSE;
    }
  else if (parse_address (s, len, first))
    *last = *first;
  else
    return FALSE;
  return first->family == last->family &&
         memcmp (first->bytes, last->bytes, address_len (first)) <= 0;
}

typedef enum
{
  LINE_BLANK, /* empty or a comment */
  LINE_RANGE,
  LINE_ALLOWED, /* an eMule line whose level lets the range through */
  LINE_BAD,
} LineKind;

/* eMule: "first - last , level , description". */
static LineKind
parse_emule (const char *s, gsize len, Address *first, Address *last)
{
  const char *comma = memchr (s, ',', len);
  const char *level;
  const char *end;
  gsize       level_len;
  guint       value = 0;

  if (comma == NULL || !parse_range (s, (gsize) (comma - s), first, last))
    return LINE_BAD;
  level = comma + 1;
  end = memchr (level, ',', len - (gsize) (level - s));
  level_len = (end != NULL ? end : s + len) - level;
  trim (&level, &level_len);
  for (gsize i = 0; i < level_len; i++)
    {
      if (!g_ascii_isdigit (level[i]) || i >= 9)
        return LINE_RANGE;
      value = value * 10 + (guint) (level[i] - '0');
    }
  return level_len > 0 && value > EMULE_BLOCK_LEVEL ? LINE_ALLOWED : LINE_RANGE;
}

static LineKind
parse_line (const char *s, gsize len, Address *first, Address *last)
{
  const char *colon;
  LineKind    kind;

  trim (&s, &len);
  if (len == 0 || s[0] == '#' || s[0] == ';' || (len >= 2 && s[0] == '/' && s[1] == '/'))
    return LINE_BLANK;
  if (memchr (s, ',', len) != NULL && (kind = parse_emule (s, len, first, last)) != LINE_BAD)
    return kind;
  if (parse_range (s, len, first, last))
    return LINE_RANGE;
  /* PeerGuardian: "description:first-last"; the description may hold colons. */
  colon = g_strrstr_len (s, (gssize) len, ":");
  if (colon != NULL && parse_range (colon + 1, len - (gsize) (colon + 1 - s), first, last))
    return LINE_RANGE;
  return LINE_BAD;
}

/* ------------------------------------------------------------ reading */

typedef struct
{
  GFile           *file;
  char            *name; /* for messages */
  SpateLtIpFilter *filter;
  guint            line_no;
  guint            n_ranges;
  guint            n_allowed;
  guint            n_bad;
  guint            first_bad;
  char             line[MAX_LINE];
  gsize            line_len;
  gboolean         line_cut;
} Reader;

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->filter, spate_lt_ip_filter_free);
  g_free (r->name);
}

static void
bad_line (Reader *r, const char *why)
{
  if (r->n_bad++ == 0)
    r->first_bad = r->line_no;
  if (r->n_bad <= 5)
    g_debug ("%s, line %u: %s", r->name, r->line_no, why);
}

static void
end_line (Reader *r)
{
  Address  first, last;
  char     a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
  gsize    len = r->line_len;
  LineKind kind;

  r->line_no++;
  r->line_len = 0;
  if (r->line_cut)
    {
      r->line_cut = FALSE;
      bad_line (r, "too long");
      return;
    }
  if (len > 0 && r->line[len - 1] == '\r')
    len--;
  if (memchr (r->line, '\0', len) != NULL)
    {
      bad_line (r, "not text");
      return;
    }
  kind = parse_line (r->line, len, &first, &last);
  if (kind == LINE_ALLOWED)
    r->n_allowed++;
  if (kind != LINE_RANGE)
    {
      if (kind == LINE_BAD)
        bad_line (r, "not an IP range");
      return;
    }
  inet_ntop (first.family, first.bytes, a, sizeof a);
  inet_ntop (last.family, last.bytes, b, sizeof b);
  if (!spate_lt_ip_filter_add_range (r->filter, a, b, TRUE, NULL))
    {
      bad_line (r, "refused by the filter");
      return;
    }
  r->n_ranges++;
}

static void
feed (Reader *r, const char *data, gsize size)
{
  while (size > 0)
    {
      const char *newline = memchr (data, '\n', size);
      gsize       take = newline != NULL ? (gsize) (newline - data) : size;
      gsize       room = MAX_LINE - r->line_len;

      if (take > room)
        r->line_cut = TRUE;
      memcpy (r->line + r->line_len, data, MIN (take, room));
      r->line_len += MIN (take, room);
      if (newline == NULL)
        return;
      end_line (r);
      data = newline + 1;
      size -= take + 1;
    }
}

static gboolean
is_gzip (GBufferedInputStream *in, GCancellable *cancellable, GError **error)
{
  const guint8 *head;
  gsize         available;

  if (g_buffered_input_stream_fill (in, 2, cancellable, error) < 0)
    return FALSE;
  head = g_buffered_input_stream_peek_buffer (in, &available);
  return available >= 2 && head[0] == 0x1f && head[1] == 0x8b;
}

static gboolean
read_failed (Reader *r, GError *cause, gboolean gzip, GError **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_CANCELLED,
                 _ ("Reading the blocklist “%s” was cancelled"), r->name);
  else if (gzip && (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
                    g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)))
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                 _ ("“%s” is not a valid gzip file: %s"), r->name, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("“%s” does not exist"), r->name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("“%s” is a folder, not a blocklist"),
                 r->name);
  else
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_IO, _ ("Could not read “%s”: %s"), r->name,
                 cause->message);
  return FALSE;
}

static gboolean
read_all (Reader *r, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) cause = NULL;
  g_autoptr (GFileInputStream) file_in = NULL;
  g_autoptr (GInputStream) buffered = NULL;
  g_autoptr (GInputStream) in = NULL;
  g_autofree char *chunk = g_malloc (READ_CHUNK);
  goffset          total = 0;
  gboolean         gzip;

  file_in = g_file_read (r->file, cancellable, &cause);
  if (file_in == NULL)
    return read_failed (r, cause, FALSE, error);
  buffered = g_buffered_input_stream_new (G_INPUT_STREAM (file_in));
  gzip = is_gzip (G_BUFFERED_INPUT_STREAM (buffered), cancellable, &cause);
  if (cause != NULL)
    return read_failed (r, cause, FALSE, error);
  if (gzip)
    {
      g_autoptr (GZlibDecompressor) unzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      in = g_converter_input_stream_new (buffered, G_CONVERTER (unzip));
    }
  else
    in = g_object_ref (buffered);

  for (;;)
    {
      gssize n = g_input_stream_read (in, chunk, READ_CHUNK, cancellable, &cause);

      if (n < 0)
        return read_failed (r, cause, gzip, error);
      if (n == 0)
        break;
      total += n;
      if (total > MAX_SIZE)
        {
          g_set_error (error, SPATE_ERROR, SPATE_ERROR_TOO_LARGE,
                       _ ("“%s” is too large for a blocklist"), r->name);
          return FALSE;
        }
      feed (r, chunk, (gsize) n);
      if (r->n_ranges == 0 && r->n_bad >= MAX_BAD_PREFIX)
        break;
    }
  if (r->line_len > 0 || r->line_cut)
    end_line (r);
  return TRUE;
}

/* Whether what was read is a blocklist at all. */
static gboolean
check_result (Reader *r, GError **error)
{
  if (r->n_ranges > 0 && r->n_bad <= r->n_ranges)
    {
      if (r->n_bad > 0)
        g_message ("Blocklist %s: skipped %u lines that are not IP ranges (the first is line %u)",
                   r->name, r->n_bad, r->first_bad);
      return TRUE;
    }
  if (r->n_bad > 0)
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                 /* Translators: %s is a file name, %u a line number. */
                 _ ("“%s” is not a blocklist: line %u is not an IP range"), r->name, r->first_bad);
  else if (r->n_allowed > 0)
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT,
                 _ ("“%s” blocks no IP range: every line allows one"), r->name);
  else if (r->line_no == 0)
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT, _ ("“%s” is empty"), r->name);
  else
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_INVALID_INPUT, _ ("“%s” holds no IP ranges"),
                 r->name);
  return FALSE;
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

SpateBlocklist *
spate_blocklist_load (GFile *file, GCancellable *cancellable, GError **error)
{
  Reader         *r;
  SpateBlocklist *self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r = g_new0 (Reader, 1);
  r->file = file;
  r->name = file_display_name (file);
  r->filter = spate_lt_ip_filter_new ();
  if (r->filter == NULL)
    g_set_error (error, SPATE_ERROR, SPATE_ERROR_FAILED, _ ("No memory to read “%s”"), r->name);
  else if (read_all (r, cancellable, error) && check_result (r, error))
    {
      self = g_object_new (SPATE_TYPE_BLOCKLIST, NULL);
      self->file = g_object_ref (file);
      self->filter = g_steal_pointer (&r->filter);
      self->n_ranges = spate_lt_ip_filter_count (self->filter);
      self->n_skipped = r->n_bad;
    }
  reader_clear (r);
  g_free (r);
  return self;
}

static void
load_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError         *error = NULL;
  SpateBlocklist *list = spate_blocklist_load (task_data, cancellable, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, g_object_unref);
}

void
spate_blocklist_load_async (GFile              *file,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, spate_blocklist_load_async);
  g_task_set_name (task, "[spate] blocklist");
  /* A cancelled load reports SPATE_ERROR_CANCELLED from the thread. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

SpateBlocklist *
spate_blocklist_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == spate_blocklist_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------ getters */

GFile *
spate_blocklist_get_file (SpateBlocklist *self)
{
  g_return_val_if_fail (SPATE_IS_BLOCKLIST (self), NULL);

  return self->file;
}

gsize
spate_blocklist_get_n_ranges (SpateBlocklist *self)
{
  g_return_val_if_fail (SPATE_IS_BLOCKLIST (self), 0);

  return self->n_ranges;
}

guint
spate_blocklist_get_n_skipped (SpateBlocklist *self)
{
  g_return_val_if_fail (SPATE_IS_BLOCKLIST (self), 0);

  return self->n_skipped;
}

gboolean
spate_blocklist_blocks (SpateBlocklist *self, const char *address)
{
  g_return_val_if_fail (SPATE_IS_BLOCKLIST (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  return spate_lt_ip_filter_is_blocked (self->filter, address, NULL);
}

SpateLtIpFilter *
_spate_blocklist_get_filter (SpateBlocklist *self)
{
  g_return_val_if_fail (SPATE_IS_BLOCKLIST (self), NULL);

  return self->filter;
}

/* -------------------------------------------------------------- class */

static void
spate_blocklist_finalize (GObject *object)
{
  SpateBlocklist *self = SPATE_BLOCKLIST (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->filter, spate_lt_ip_filter_free);

  G_OBJECT_CLASS (spate_blocklist_parent_class)->finalize (object);
}

static void
spate_blocklist_class_init (SpateBlocklistClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = spate_blocklist_finalize;
}

static void
spate_blocklist_init (SpateBlocklist *self)
{
}
