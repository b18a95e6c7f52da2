/* odan-preview-view.h — the scenario before the day, on a timeline
 *
 * Draws an OdanPreview: one lane per sector, shaded where the model has
 * it degraded (the deeper its worst level, the darker), and a lane of
 * inject markers along the same time axis. An inject that announces an
 * outage before the model has one is drawn as a flag; one that speaks of
 * it long after the sector recovered as a note. The tooltip of a marker
 * says why; clicking one emits ::inject-activated.
 */
#pragma once

#include <gtk/gtk.h>

#include "odan-preview.h"

G_BEGIN_DECLS

#define ODAN_TYPE_PREVIEW_VIEW (odan_preview_view_get_type ())

G_DECLARE_FINAL_TYPE (OdanPreviewView, odan_preview_view, ODAN, PREVIEW_VIEW, GtkWidget)

GtkWidget         *odan_preview_view_new          (void);
/* Takes @preview (may be NULL); its pack must outlive it. */
void               odan_preview_view_set_preview  (OdanPreviewView *self,
                                                   OdanPreview     *preview);
const OdanPreview *odan_preview_view_get_preview  (OdanPreviewView *self);
/* The inject drawn as selected, or -1. */
void               odan_preview_view_set_selected (OdanPreviewView *self,
                                                   int              inject);
/* Where inject @inject's marker is, in widget coordinates; FALSE when
 * there is no preview or no room to draw. */
gboolean           odan_preview_view_get_marker   (OdanPreviewView *self,
                                                   guint            inject,
                                                   double          *x,
                                                   double          *y);
/* The marker's tooltip: the inject, and for a flag or note, why. */
char              *odan_preview_view_describe     (OdanPreviewView *self,
                                                   guint            inject);
/* What the whole picture shows, in words: the injects, the flags and
 * notes, and each sector's first outage and lowest level. It is the
 * widget's accessible description. */
char              *odan_preview_view_get_summary  (OdanPreviewView *self);

G_END_DECLS
