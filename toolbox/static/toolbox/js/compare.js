// Progressive enhancement only. The listing's "Sammenlign" boxes sit inside
// the search form, which reloads its results on every checkbox change
// (search/search.js): ticking a box to compare must not do that, or the tick
// would be lost with the old results.
(function () {
  document.addEventListener(
    "change",
    function (event) {
      if (event.target.matches && event.target.matches("[data-compare-pick]")) {
        event.stopPropagation();
      }
    },
    true
  );
})();
