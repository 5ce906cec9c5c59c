/* spate-peers-page.c: the peers the selected torrent is connected to.
 *
 * Copyright 2026 The Spate authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "spate-peers-page.h"
#include "spate-details-page-private.h"

#include <glib/gi18n.h>

#include "spate-application.h"
#include "spate-window.h"

struct _SpatePeersPage
{
  GtkWidget parent_instance;

  SpateTorrent *torrent;
  GListModel   *peers; /* held only while mapped */

  GtkColumnView      *columns;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkStack           *stack;
};

G_DEFINE_FINAL_TYPE (SpatePeersPage, spate_peers_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TORRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ flags */

/* qBittorrent's letters. */
typedef struct
{
  char        letter;
  const char *meaning;
} FlagLetter;

static gboolean
flag_set (SpatePeerFlags flags, SpatePeerSource source, gboolean encrypted, guint which)
{
  switch (which)
    {
    case 'D':
      return (flags & SPATE_PEER_INTERESTING) && !(flags & SPATE_PEER_REMOTE_CHOKED);
    case 'd':
      return (flags & SPATE_PEER_INTERESTING) && (flags & SPATE_PEER_REMOTE_CHOKED);
    case 'U':
      return (flags & SPATE_PEER_REMOTE_INTERESTED) && !(flags & SPATE_PEER_CHOKED);
    case 'u':
      return (flags & SPATE_PEER_REMOTE_INTERESTED) && (flags & SPATE_PEER_CHOKED);
    case 'K':
      return !(flags & SPATE_PEER_REMOTE_CHOKED) && !(flags & SPATE_PEER_INTERESTING);
    case '?':
      return !(flags & SPATE_PEER_CHOKED) && !(flags & SPATE_PEER_REMOTE_INTERESTED);
    case 'O':
      return flags & SPATE_PEER_OPTIMISTIC_UNCHOKE;
    case 'S':
      return flags & SPATE_PEER_SNUBBED;
    case 'I':
      return !(flags & SPATE_PEER_OUTGOING);
    case 'H':
      return source & SPATE_PEER_SOURCE_DHT;
    case 'X':
      return source & SPATE_PEER_SOURCE_PEX;
    case 'L':
      return source & SPATE_PEER_SOURCE_LSD;
    case 'E':
      return encrypted;
    case 'h':
      return flags & SPATE_PEER_HOLEPUNCHED;
    default:
      return FALSE;
    }
}

static const FlagLetter *
flag_letters (gsize *n)
{
  static FlagLetter letters[] = {
    { 'D', N_ ("downloading from the peer") },
    { 'd', N_ ("would download, but the peer is choking") },
    { 'U', N_ ("uploading to the peer") },
    { 'u', N_ ("the peer wants data, but we are choking") },
    { 'K', N_ ("the peer unchoked us, but we are not interested") },
    { '?', N_ ("we unchoked the peer, but it is not interested") },
    { 'O', N_ ("optimistic unchoke") },
    { 'S', N_ ("snubbed") },
    { 'I', N_ ("incoming connection") },
    { 'H', N_ ("found through DHT") },
    { 'X', N_ ("found through peer exchange") },
    { 'L', N_ ("found through local peer discovery") },
    { 'E', N_ ("encrypted") },
    { 'h', N_ ("hole-punched") },
  };

  *n = G_N_ELEMENTS (letters);
  return letters;
}

static char *
format_flags (gpointer unused, SpatePeerFlags flags, SpatePeerSource source, gboolean encrypted)
{
  GString          *out = g_string_new (NULL);
  gsize             n;
  const FlagLetter *letters = flag_letters (&n);

  for (gsize i = 0; i < n; i++)
    if (flag_set (flags, source, encrypted, letters[i].letter))
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append_c (out, letters[i].letter);
      }
  return g_string_free (out, FALSE);
}

static char *
flags_tooltip (gpointer unused, SpatePeerFlags flags, SpatePeerSource source, gboolean encrypted)
{
  GString          *out = g_string_new (NULL);
  gsize             n;
  const FlagLetter *letters = flag_letters (&n);

  for (gsize i = 0; i < n; i++)
    if (flag_set (flags, source, encrypted, letters[i].letter))
      {
        if (out->len > 0)
          g_string_append_c (out, '\n');
        g_string_append_printf (out, "%c = %s", letters[i].letter, _ (letters[i].meaning));
      }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------- cell closures */

static char *
format_endpoint (gpointer unused, const char *address, guint port)
{
  if (address == NULL)
    return g_strdup ("");
  if (strchr (address, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", address, port);
  return g_strdup_printf ("%s:%u", address, port);
}

static char *
format_connection (gpointer unused, SpatePeerConnection connection)
{
  switch (connection)
    {
    case SPATE_PEER_CONNECTION_UTP:
      return g_strdup (C_ ("connection", "µTP"));
    case SPATE_PEER_CONNECTION_URL_SEED:
    case SPATE_PEER_CONNECTION_HTTP_SEED:
      return g_strdup (C_ ("connection", "Web"));
    case SPATE_PEER_CONNECTION_TCP:
    default:
      return g_strdup (C_ ("connection", "TCP"));
    }
}

static int
connection_key (gpointer unused, SpatePeerConnection connection)
{
  return connection;
}

static char *
format_encrypted (gpointer unused, gboolean encrypted)
{
  return g_strdup (encrypted ? _ ("Yes") : _ ("No"));
}

static char *
format_percent (gpointer unused, double progress)
{
  return g_strdup_printf ("%.1f%%", progress * 100.0);
}

static char *
format_rate (gpointer unused, int rate)
{
  g_autofree char *size = NULL;

  if (rate <= 0)
    return g_strdup ("");
  size = g_format_size (rate);
  return g_strdup_printf (_ ("%s/s"), size);
}

static char *
format_size (gpointer unused, gint64 size)
{
  return size > 0 ? g_format_size (size) : g_strdup ("");
}

static char *
client_or_unknown (gpointer unused, const char *client)
{
  return g_strdup (client != NULL && *client != '\0' ? client : _ ("Unknown"));
}

/* ------------------------------------------------------------ model */

static void update_actions (SpatePeersPage *self);

static void
peers_changed_cb (SpatePeersPage *self)
{
  gboolean any = self->peers != NULL && g_list_model_get_n_items (self->peers) > 0;

  if (self->stack != NULL)
    gtk_stack_set_visible_child_name (self->stack, any ? "peers" : "empty");
  update_actions (self);
}

static void
set_peers (SpatePeersPage *self, GListModel *peers)
{
  if (self->peers != NULL)
    g_signal_handlers_disconnect_by_func (self->peers, peers_changed_cb, self);
  g_set_object (&self->peers, peers);
  /* Gone once the template is disposed. */
  if (self->sorted == NULL)
    return;
  gtk_sort_list_model_set_model (self->sorted, peers);
  if (peers != NULL)
    g_signal_connect_swapped (peers, "items-changed", G_CALLBACK (peers_changed_cb), self);
  peers_changed_cb (self);
}

static void
reload (SpatePeersPage *self)
{
  g_autoptr (GListModel) peers = NULL;

  if (self->torrent != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    peers = spate_torrent_get_peers (self->torrent);
  set_peers (self, peers);
}

SpateTorrent *
spate_peers_page_get_torrent (SpatePeersPage *self)
{
  g_return_val_if_fail (SPATE_IS_PEERS_PAGE (self), NULL);
  return self->torrent;
}

void
spate_peers_page_set_torrent (SpatePeersPage *self, SpateTorrent *torrent)
{
  g_return_if_fail (SPATE_IS_PEERS_PAGE (self));
  g_return_if_fail (torrent == NULL || SPATE_IS_TORRENT (torrent));

  if (!g_set_object (&self->torrent, torrent))
    return;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TORRENT]);
}

GListModel *
spate_peers_page_get_model (SpatePeersPage *self)
{
  g_return_val_if_fail (SPATE_IS_PEERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

/* ---------------------------------------------------------- actions */

static void
update_actions (SpatePeersPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "peers.add", self->torrent != NULL);
  gtk_widget_action_set_enabled (
      GTK_WIDGET (self), "peers.ban",
      self->selection != NULL && gtk_single_selection_get_selected_item (self->selection) != NULL);
}

static void
show_toast (SpatePeersPage *self, const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SPATE_IS_WINDOW (root))
    spate_window_show_toast (SPATE_WINDOW (root), message);
}

/* "1.2.3.4:6881" or "[::1]:6881" into an address and a port. */
static gboolean
parse_endpoint (const char *text, char **address, guint *port, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) inet = NULL;
  const char *colon;
  char       *end = NULL;
  guint64     value;

  if (stripped[0] == '[')
    {
      const char *close = strchr (stripped, ']');

      if (close == NULL || close[1] != ':')
        goto bad;
      host = g_strndup (stripped + 1, close - stripped - 1);
      colon = close + 1;
    }
  else
    {
      colon = strrchr (stripped, ':');
      if (colon == NULL || strchr (stripped, ':') != colon)
        goto bad;
      host = g_strndup (stripped, colon - stripped);
    }
  inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    goto bad;
  if (colon[1] == '\0' || !g_ascii_isdigit (colon[1]))
    goto bad_port;
  value = g_ascii_strtoull (colon + 1, &end, 10);
  if (*end != '\0' || value < 1 || value > 65535)
    goto bad_port;

  *address = g_inet_address_to_string (inet);
  *port = value;
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("Not an IP address and port, such as 192.0.2.1:6881 or [2001:db8::1]:6881"));
  return FALSE;

bad_port:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("The port must be a number from 1 to 65535"));
  return FALSE;
}

gboolean
spate_peers_page_add_peer (SpatePeersPage *self, const char *text, GError **error)
{
  g_autofree char *address = NULL;
  guint            port = 0;

  g_return_val_if_fail (SPATE_IS_PEERS_PAGE (self), FALSE);

  if (self->torrent == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _ ("No torrent is selected"));
      return FALSE;
    }
  if (!parse_endpoint (text, &address, &port, error))
    return FALSE;
  if (!spate_torrent_connect_peer (self->torrent, address, port, error))
    {
      g_prefix_error (error, _ ("Could not connect to the peer: "));
      return FALSE;
    }
  return TRUE;
}

gboolean
spate_peers_page_ban_selected (SpatePeersPage *self, GError **error)
{
  SpatePeer    *peer;
  GApplication *app = g_application_get_default ();

  g_return_val_if_fail (SPATE_IS_PEERS_PAGE (self), FALSE);

  peer = gtk_single_selection_get_selected_item (self->selection);
  if (peer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _ ("No peer is selected"));
      return FALSE;
    }
  if (!SPATE_IS_APPLICATION (app))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _ ("No session"));
      return FALSE;
    }
  if (!spate_session_ban_peer (spate_application_get_session (SPATE_APPLICATION (app)),
                               spate_peer_get_address (peer), error))
    {
      g_prefix_error (error, _ ("Could not ban %s: "), spate_peer_get_address (peer));
      return FALSE;
    }
  return TRUE;
}

static void
entry_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  GtkLabel *message = g_object_get_data (G_OBJECT (dialog), "message");
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;
  const char      *text = gtk_editable_get_text (entry);
  guint            port;
  gboolean         ok = parse_endpoint (text, &address, &port, &error);

  adw_message_dialog_set_response_enabled (dialog, "add", ok);
  /* Nothing typed yet is not a mistake. */
  gtk_label_set_label (message, ok || *text == '\0' ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (message), !ok && *text != '\0');
}

static void
entry_activate_cb (GtkEntry *entry, AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
}

static void
add_response_cb (AdwMessageDialog *dialog, const char *response, SpatePeersPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "add"))
    return;
  if (!spate_peers_page_add_peer (self, gtk_editable_get_text (entry), &error))
    show_toast (self, error->message);
  /* An explicit response() does not close the dialog by itself. */
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpatePeersPage *self = SPATE_PEERS_PAGE (widget);
  GtkRoot        *root = gtk_widget_get_root (widget);
  GtkWidget      *dialog, *box, *entry, *message;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Add Peer"),
                                   _ ("Connect this torrent to a peer at an IP address and port."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "add",
                                    _ ("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "192.0.2.1:6881");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Peer address"), -1);
  message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "caption");
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "message", message);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ban_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SpatePeersPage  *self = SPATE_PEERS_PAGE (widget);
  SpatePeer       *peer = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *address = peer != NULL ? g_strdup (spate_peer_get_address (peer)) : NULL;
  g_autoptr (GError) error = NULL;

  if (!spate_peers_page_ban_selected (self, &error))
    show_toast (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_ ("Banned %s"), address);

      show_toast (self, text);
    }
}

/* ----------------------------------------------------------- widget */

static void
spate_peers_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (spate_peers_page_parent_class)->map (widget);
  reload (SPATE_PEERS_PAGE (widget));
}

static void
spate_peers_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (spate_peers_page_parent_class)->unmap (widget);
  set_peers (SPATE_PEERS_PAGE (widget), NULL);
}

static void
spate_peers_page_dispose (GObject *object)
{
  SpatePeersPage *self = SPATE_PEERS_PAGE (object);

  if (self->peers != NULL)
    g_signal_handlers_disconnect_by_func (self->peers, peers_changed_cb, self);
  g_clear_object (&self->peers);
  _spate_details_page_dispose_template (GTK_WIDGET (self), SPATE_TYPE_PEERS_PAGE);
  g_clear_object (&self->torrent);

  G_OBJECT_CLASS (spate_peers_page_parent_class)->dispose (object);
}

static void
spate_peers_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SpatePeersPage *self = SPATE_PEERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      g_value_set_object (value, self->torrent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_peers_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SpatePeersPage *self = SPATE_PEERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TORRENT:
      spate_peers_page_set_torrent (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
spate_peers_page_class_init (SpatePeersPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = spate_peers_page_dispose;
  object_class->get_property = spate_peers_page_get_property;
  object_class->set_property = spate_peers_page_set_property;
  widget_class->map = spate_peers_page_map;
  widget_class->unmap = spate_peers_page_unmap;

  properties[PROP_TORRENT] =
      g_param_spec_object ("torrent", NULL, NULL, SPATE_TYPE_TORRENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "peers.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "peers.ban", NULL, ban_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/spate/Spate/details/spate-peers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpatePeersPage, columns);
  gtk_widget_class_bind_template_child (widget_class, SpatePeersPage, sorted);
  gtk_widget_class_bind_template_child (widget_class, SpatePeersPage, selection);
  gtk_widget_class_bind_template_child (widget_class, SpatePeersPage, stack);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  gtk_widget_class_bind_template_callback (widget_class, format_endpoint);
  gtk_widget_class_bind_template_callback (widget_class, format_connection);
  gtk_widget_class_bind_template_callback (widget_class, connection_key);
  gtk_widget_class_bind_template_callback (widget_class, format_encrypted);
  gtk_widget_class_bind_template_callback (widget_class, format_flags);
  gtk_widget_class_bind_template_callback (widget_class, flags_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, format_percent);
  gtk_widget_class_bind_template_callback (widget_class, format_rate);
  gtk_widget_class_bind_template_callback (widget_class, format_size);
  gtk_widget_class_bind_template_callback (widget_class, client_or_unknown);
}

static void
spate_peers_page_init (SpatePeersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->columns));
  update_actions (self);
}
