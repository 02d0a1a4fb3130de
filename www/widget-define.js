// Registers <loupe-article>. Usage: <script type="module" src=".../www/widget-define.js"></script>
import { LoupeArticleElement } from "./widget.js";

try {
  LoupeArticleElement.define();
} catch (e) {
  // Another copy already registered the tag: keep it.
  if (!(e instanceof DOMException && e.name === "NotSupportedError")) throw e;
}
export { LoupeArticleElement };
