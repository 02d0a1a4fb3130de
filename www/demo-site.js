// The mock news site's own script: a like button, a paragraph click counter and
// a watcher that counts DOM changes inside the article. Loupe must not break any of it.
window.siteState = { likes: 0, paragraphClicks: 0, articleMutations: 0, events: [] };
const story = document.getElementById("story");
document.getElementById("like").addEventListener("click", (e) => {
  window.siteState.likes++;
  e.currentTarget.textContent = `J’aime (${window.siteState.likes})`;
});
for (const p of story.querySelectorAll("p")) p.addEventListener("click", () => window.siteState.paragraphClicks++);
new MutationObserver((records) => { window.siteState.articleMutations += records.length; })
  .observe(story, { subtree: true, childList: true, characterData: true, attributes: true });
document.addEventListener("loupe-analyzed", (e) => window.siteState.events.push(["analyzed", e.detail.result.keywords.length]));
document.addEventListener("loupe-error", (e) => window.siteState.events.push(["error", e.detail.code]));
