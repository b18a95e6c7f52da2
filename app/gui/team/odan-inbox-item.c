/* odan-inbox-item.c — one delivery in a team's inbox, as a row of OdanTeamPanel
 *
 * The item copies its strings from the team view's entry when it is made,
 * so it outlives the view it came from: the panel rebuilds its view on
 * every event and tick, and keeps its items (and the selection) while only
 * the acknowledgements change. The title follows the user's language; the
 * forwarding team is named as the pack names it in that language.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>

#include "odan-inbox-item.h"
#include "odan-format.h"
#include "odan-gui-enums.h"
#include "odan-time.h"

struct _OdanInboxItem
{
  GObject         parent_instance;

  gint64          delivery;
  char           *inject;
  double          minute;
  char           *time_text;
  char           *title;
  char           *from;
  char           *channel;
  char           *body;
  char           *sharing;
  char           *forwarded_by;
  double          received;
  double          read;
};

G_DEFINE_FINAL_TYPE (OdanInboxItem, odan_inbox_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

OdanInboxItem *
odan_inbox_item_new (const OdanPack       *pack,
                     const OdanInboxEntry *entry)
{
  OdanInboxItem *self;

  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (ODAN_TYPE_INBOX_ITEM, NULL);
  self->delivery = entry->delivery;
  self->inject = g_strdup (entry->inject);
  self->minute = entry->minute;
  self->time_text = odan_time_format_offset (entry->minute);
  self->title = g_strdup (odan_pack_localized (entry->title, entry->title_ja));
  if (self->title == NULL)
    self->title = g_strdup ("");
  self->from = g_strdup (odan_pack_localized (entry->from, entry->from_ja));
  if (self->from == NULL)
    self->from = g_strdup ("");
  self->channel = odan_format_channel (entry->channel);
  self->body = g_strdup (odan_pack_localized (entry->body, entry->body_ja));
  if (self->body == NULL)
    self->body = g_strdup ("");
  self->sharing = g_strdup (entry->sharing != NULL ? entry->sharing : "");
  if (entry->forwarded_by != NULL)
    {
      guint32 team = odan_pack_find_team (pack, entry->forwarded_by);

      self->forwarded_by = g_strdup (team != ODAN_NONE
                                     ? odan_pack_localized (pack->teams[team].name, pack->teams[team].name_ja)
                                     : entry->forwarded_by);
    }
  else
    self->forwarded_by = g_strdup ("");
  self->received = entry->received;
  self->read = entry->read;

  return self;
}

void
odan_inbox_item_update (OdanInboxItem        *self,
                        const OdanInboxEntry *entry)
{
  OdanInboxState before;

  g_return_if_fail (ODAN_IS_INBOX_ITEM (self));
  g_return_if_fail (entry != NULL && entry->delivery == self->delivery);

  before = odan_inbox_item_get_state (self);
  self->received = entry->received;
  self->read = entry->read;
  if (odan_inbox_item_get_state (self) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gint64
odan_inbox_item_get_delivery (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), 0);
  return self->delivery;
}

const char *
odan_inbox_item_get_inject (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), NULL);
  return self->inject;
}

double
odan_inbox_item_get_minute (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), 0.0);
  return self->minute;
}

const char *
odan_inbox_item_get_time_text (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), NULL);
  return self->time_text;
}

const char *
odan_inbox_item_get_title (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), NULL);
  return self->title;
}

const char *
odan_inbox_item_get_from (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), NULL);
  return self->from;
}

const char *
odan_inbox_item_get_channel (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), NULL);
  return self->channel;
}

const char *
odan_inbox_item_get_body (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), NULL);
  return self->body;
}

const char *
odan_inbox_item_get_sharing (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), NULL);
  return self->sharing;
}

const char *
odan_inbox_item_get_forwarded_by (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), NULL);
  return self->forwarded_by;
}

OdanInboxState
odan_inbox_item_get_state (OdanInboxItem *self)
{
  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), ODAN_INBOX_STATE_NEW);

  if (!isnan (self->read))
    return ODAN_INBOX_STATE_READ;
  if (!isnan (self->received))
    return ODAN_INBOX_STATE_RECEIVED;
  return ODAN_INBOX_STATE_NEW;
}

char *
odan_inbox_item_dup_state_text (OdanInboxItem *self)
{
  g_autofree char *at = NULL;

  g_return_val_if_fail (ODAN_IS_INBOX_ITEM (self), NULL);

  switch (odan_inbox_item_get_state (self))
    {
    case ODAN_INBOX_STATE_READ:
      at = odan_time_format_offset (self->read);
      /* Translators: an inbox message the team marked as read (既読), and when */
      return g_strdup_printf (_("Read %s"), at);
    case ODAN_INBOX_STATE_RECEIVED:
      at = odan_time_format_offset (self->received);
      /* Translators: an inbox message whose receipt the team confirmed (受信確認), and when */
      return g_strdup_printf (_("Received %s"), at);
    case ODAN_INBOX_STATE_NEW:
    default:
      /* Translators: an inbox message the team has not acknowledged yet */
      return g_strdup (C_("inbox state", "New"));
    }
}

static void
odan_inbox_item_finalize (GObject *object)
{
  OdanInboxItem *self = ODAN_INBOX_ITEM (object);

  g_free (self->inject);
  g_free (self->time_text);
  g_free (self->title);
  g_free (self->from);
  g_free (self->channel);
  g_free (self->body);
  g_free (self->sharing);
  g_free (self->forwarded_by);

  G_OBJECT_CLASS (odan_inbox_item_parent_class)->finalize (object);
}

static void
odan_inbox_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OdanInboxItem *self = ODAN_INBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, odan_inbox_item_get_state (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
odan_inbox_item_class_init (OdanInboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = odan_inbox_item_finalize;
  object_class->get_property = odan_inbox_item_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       ODAN_TYPE_INBOX_STATE, ODAN_INBOX_STATE_NEW,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
odan_inbox_item_init (OdanInboxItem *self)
{
  self->received = NAN;
  self->read = NAN;
}
