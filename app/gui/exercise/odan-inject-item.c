/* odan-inject-item.c — one inject of the MSEL, as a row of the facilitator's list
 *
 * The MSEL's GListStore holds one of these per inject of the pack, in file
 * order. The texts are copied from the pack (localized once, when the item
 * is made); only the status changes, as the exercise's log grows, and it is
 * notified so the list's cells follow it. The properties exist for the
 * column view's sorters and the search filter (GtkPropertyExpression).
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-inject-item.h"
#include "odan-format.h"
#include "odan-time.h"

struct _OdanInjectItem
{
  GObject           parent_instance;

  guint32           index;
  double            time;
  OdanInjectStatus  status;
  char             *id;
  char             *time_text;
  char             *recipients;
  char             *channel;
  char             *title;
  char             *search_text;
  char             *from;         /* ad hoc injects only */
  char             *body;         /* ad hoc injects only */
};

G_DEFINE_FINAL_TYPE (OdanInjectItem, odan_inject_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_RECIPIENTS,
  PROP_CHANNEL,
  PROP_TITLE,
  PROP_STATUS,
  PROP_SEARCH_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_recipients (const OdanPack   *pack,
                   const OdanInject *inject)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (inject->to_all)
    return g_strdup (_("All teams"));

  for (guint i = 0; i < inject->n_to; i++)
    {
      const OdanTeam *team = &pack->teams[inject->to[i]];

      if (i > 0)
        /* Translators: separates team names in the MSEL's recipients column */
        g_string_append (text, _(", "));
      g_string_append (text, odan_pack_localized (team->name, team->name_ja));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

OdanInjectItem *
odan_inject_item_new (const OdanPack *pack,
                      guint32         index)
{
  const OdanInject *inject;
  OdanInjectItem *self;

  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (index < pack->n_injects, NULL);

  inject = &pack->injects[index];
  self = g_object_new (ODAN_TYPE_INJECT_ITEM, NULL);
  self->index = index;
  self->time = inject->time;
  self->status = ODAN_INJECT_STATUS_UPCOMING;
  self->id = g_strdup (inject->id);
  self->time_text = odan_time_format_offset (inject->time);
  self->recipients = format_recipients (pack, inject);
  self->channel = odan_format_channel (inject->channel);
  self->title = g_strdup (odan_pack_localized (inject->title, inject->title_ja));
  self->search_text = g_strjoin ("\n", self->id, self->title, inject->title,
                                 self->recipients, self->channel,
                                 inject->from != NULL ? inject->from : "",
                                 inject->from_ja != NULL ? inject->from_ja : "", NULL);

  return self;
}

OdanInjectItem *
odan_inject_item_new_adhoc (const OdanPack  *pack,
                            const OdanEvent *event)
{
  g_auto(GStrv) to = NULL;
  g_autoptr(GString) recipients = NULL;
  g_autofree char *number = NULL;
  const char *title;
  const char *title_ja;
  const char *channel;
  OdanInjectItem *self;

  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (event != NULL && event->kind == ODAN_EVENT_DELIVERY, NULL);

  title = odan_event_get_title (event);
  title_ja = odan_event_get_title_ja (event);
  channel = odan_event_get_channel (event);
  to = odan_event_dup_to (event);

  recipients = g_string_new (NULL);
  if (odan_event_is_to_all (event) || to == NULL)
    g_string_append (recipients, _("All teams"));
  else
    for (guint i = 0; to[i] != NULL; i++)
      {
        guint32 team = odan_pack_find_team (pack, to[i]);

        if (i > 0)
          g_string_append (recipients, _(", "));
        g_string_append (recipients, team != ODAN_NONE
                                     ? odan_pack_localized (pack->teams[team].name, pack->teams[team].name_ja)
                                     : to[i]);
      }

  self = g_object_new (ODAN_TYPE_INJECT_ITEM, NULL);
  self->index = ODAN_NONE;
  self->time = event->minute;
  self->status = ODAN_INJECT_STATUS_DELIVERED;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, event->id);
  /* Translators: the id shown for an inject written during the exercise; %s is its log event's number */
  self->id = g_strdup_printf (_("Ad hoc #%s"), number);
  self->time_text = odan_time_format_offset (event->minute);
  self->recipients = g_string_free (g_steal_pointer (&recipients), FALSE);
  self->channel = odan_format_channel (channel);
  self->title = g_strdup (odan_pack_localized (title != NULL ? title : "", title_ja));
  self->from = g_strdup (odan_pack_localized (odan_event_get_from (event), odan_event_get_from_ja (event)));
  self->body = g_strdup (odan_pack_localized (odan_event_get_body (event), odan_event_get_body_ja (event)));
  self->search_text = g_strjoin ("\n", self->id, self->title, self->recipients, self->channel,
                                 self->from != NULL ? self->from : "",
                                 self->body != NULL ? self->body : "", NULL);

  return self;
}

const char *
odan_inject_item_get_from (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), NULL);
  return self->from;
}

const char *
odan_inject_item_get_body (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), NULL);
  return self->body;
}

guint32
odan_inject_item_get_index (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), ODAN_NONE);
  return self->index;
}

const char *
odan_inject_item_get_id (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), NULL);
  return self->id;
}

double
odan_inject_item_get_time (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), 0);
  return self->time;
}

const char *
odan_inject_item_get_time_text (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), NULL);
  return self->time_text;
}

const char *
odan_inject_item_get_recipients (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), NULL);
  return self->recipients;
}

const char *
odan_inject_item_get_channel (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), NULL);
  return self->channel;
}

const char *
odan_inject_item_get_title (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), NULL);
  return self->title;
}

OdanInjectStatus
odan_inject_item_get_status (OdanInjectItem *self)
{
  g_return_val_if_fail (ODAN_IS_INJECT_ITEM (self), ODAN_INJECT_STATUS_UPCOMING);
  return self->status;
}

void
odan_inject_item_set_status (OdanInjectItem   *self,
                             OdanInjectStatus  status)
{
  g_return_if_fail (ODAN_IS_INJECT_ITEM (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
odan_inject_status_to_label (OdanInjectStatus status)
{
  switch (status)
    {
    case ODAN_INJECT_STATUS_DUE:
      /* Translators: an inject's status in the MSEL: its time has come */
      return C_("inject status", "Due");
    case ODAN_INJECT_STATUS_UPCOMING:
      return C_("inject status", "Upcoming");
    case ODAN_INJECT_STATUS_DELAYED:
      return C_("inject status", "Delayed");
    case ODAN_INJECT_STATUS_DELIVERED:
      return C_("inject status", "Delivered");
    case ODAN_INJECT_STATUS_SKIPPED:
      return C_("inject status", "Skipped");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
odan_inject_status_to_css_class (OdanInjectStatus status)
{
  static const char *const classes[] = {
    [ODAN_INJECT_STATUS_DUE] = "status-due",
    [ODAN_INJECT_STATUS_UPCOMING] = "status-upcoming",
    [ODAN_INJECT_STATUS_DELAYED] = "status-delayed",
    [ODAN_INJECT_STATUS_DELIVERED] = "status-delivered",
    [ODAN_INJECT_STATUS_SKIPPED] = "status-skipped",
  };

  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (classes), "");
  return classes[status];
}

static void
odan_inject_item_finalize (GObject *object)
{
  OdanInjectItem *self = ODAN_INJECT_ITEM (object);

  g_free (self->id);
  g_free (self->time_text);
  g_free (self->recipients);
  g_free (self->channel);
  g_free (self->title);
  g_free (self->search_text);
  g_free (self->from);
  g_free (self->body);

  G_OBJECT_CLASS (odan_inject_item_parent_class)->finalize (object);
}

static void
odan_inject_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdanInjectItem *self = ODAN_INJECT_ITEM (object);

  switch (prop_id)
    {
    case PROP_TIME:
      g_value_set_double (value, self->time);
      break;

    case PROP_RECIPIENTS:
      g_value_set_string (value, self->recipients);
      break;

    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
odan_inject_item_class_init (OdanInjectItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = odan_inject_item_finalize;
  object_class->get_property = odan_inject_item_get_property;

  properties[PROP_TIME] =
    g_param_spec_double ("time", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECIPIENTS] =
    g_param_spec_string ("recipients", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANNEL] =
    g_param_spec_string ("channel", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    /* an OdanInjectStatus (a registered enum) held as an int: the MSEL
     * sorts on it with a GtkNumericSorter, which takes no enums in GTK 4.8 */
    g_param_spec_int ("status", NULL, NULL,
                      ODAN_INJECT_STATUS_DUE, ODAN_INJECT_STATUS_SKIPPED, ODAN_INJECT_STATUS_UPCOMING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
odan_inject_item_init (OdanInjectItem *self)
{
}
