/** A Jupyter display_data payload: one representation per MIME type, and per-type metadata. */
export interface MimeBundle {
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}
