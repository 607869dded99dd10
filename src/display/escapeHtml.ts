/**
 * Escaping for HTML that notebooks display: table cells can hold anything a log file holds
 * (including `<script>`), and figure JSON is embedded inside <script> elements.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML element content and quoted attribute values.
 * @example
 * escapeHtml('<script>alert("x")</script>'); // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * JSON that is safe inside a <script> element: every "<" (so no "</script" or "<!--") and the
 * JavaScript line separators U+2028/U+2029 become \u escapes; JSON.parse gives back the value.
 * @example
 * jsonForScript({ title: "</script>" }); // '{"title":"\\u003c/script>"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Source text that is safe inside a <script> element (for inlining a library). */
export function scriptSource(code: string): string {
  return code.replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
}
