/* Search: autocomplete (ARIA 1.2 combobox with a listbox popup) on every
   [data-autocomplete] input, and facet forms that update their results in
   place. Without JavaScript both are plain GET forms. */
(function () {
  "use strict";
  if (window.vkSearchEnhanced) return;
  window.vkSearchEnhanced = true;

  var SUGGEST_URL = "/soeg/forslag/";
  var DEBOUNCE_MS = 200;
  var counter = 0;

  function debounce(fn, wait) {
    var timer;
    return function () {
      var args = arguments, self = this;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(self, args); }, wait);
    };
  }

  function liveRegion() {
    var region = document.getElementById("search-live");
    if (!region) {
      region = document.createElement("div");
      region.id = "search-live";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  function announce(text) {
    var region = liveRegion();
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function Autocomplete(wrapper) {
    var input = wrapper.querySelector("input");
    if (!input) return;
    counter += 1;
    var listId = (input.id || "search") + "-listbox-" + counter;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    var label = document.querySelector('label[for="' + input.id + '"]');
    list.setAttribute("aria-label", label ? label.textContent.trim() : "Forslag");
    list.hidden = true;
    wrapper.appendChild(list);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      var options = list.querySelectorAll('[role="option"]');
      if (!options.length) return;
      if (index < 0) index = options.length - 1;
      if (index >= options.length) index = 0;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
        option.classList.toggle("is-active", i === index);
      });
      active = index;
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function render(suggestions) {
      items = suggestions;
      list.innerHTML = "";
      if (!suggestions.length) { close(); return; }
      suggestions.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-option-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "autocomplete__option";
        var title = document.createElement("span");
        title.className = "autocomplete__title";
        title.textContent = item.title;
        var kind = document.createElement("span");
        kind.className = "autocomplete__kind";
        kind.textContent = item.kind_label;
        option.appendChild(title);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input
        });
        option.addEventListener("click", function () { go(index); });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      input.removeAttribute("aria-activedescendant");
      announce(suggestions.length === 1 ? "1 forslag" : suggestions.length + " forslag");
    }

    function go(index) {
      var item = items[index];
      if (item && item.url) window.location.assign(item.url);
    }

    var fetchSuggestions = debounce(function () {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 2) { render([]); return; }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(SUGGEST_URL + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (input.value.trim() === query) render(data.suggestions || []);
        })
        .catch(function () { /* aborted or offline: the form still works */ });
    }, DEBOUNCE_MS);

    input.addEventListener("input", fetchSuggestions);
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      switch (event.key) {
        case "ArrowDown":
          if (!open && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
          if (items.length) { event.preventDefault(); setActive(active + 1); }
          break;
        case "ArrowUp":
          if (open) { event.preventDefault(); setActive(active - 1); }
          break;
        case "Enter":
          if (open && active >= 0) { event.preventDefault(); go(active); }
          break;
        case "Escape":
          if (open) { event.preventDefault(); close(); }
          else if (input.value) { input.value = ""; lastQuery = ""; }
          break;
        case "Tab":
          close();
          break;
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function FacetForm(form) {
    var region = form.querySelector("[data-search-results]");
    if (!region) return;
    var pending = null;

    function update(focusId) {
      var params = new URLSearchParams(new FormData(form));
      params.delete("side");
      var url = (form.getAttribute("action") || window.location.pathname) + "?" + params.toString();
      if (pending) pending.abort();
      pending = window.AbortController ? new AbortController() : null;
      region.setAttribute("aria-busy", "true");
      fetch(url, { credentials: "same-origin", signal: pending ? pending.signal : undefined })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.querySelector("[data-search-results]");
          if (!fresh) { window.location.assign(url); return; }
          // A phone's facets panel (a popover) closes when it is replaced:
          // reopen it while the visitor is still choosing filters.
          var panel = region.querySelector("[data-facets]");
          var wasOpen = panel && panel.showPopover && panel.matches(":popover-open");
          region.innerHTML = fresh.innerHTML;
          panel = region.querySelector("[data-facets]");
          if (panel && wasOpen) panel.showPopover();
          region.removeAttribute("aria-busy");
          window.history.replaceState(null, "", url);
          var count = region.querySelector(".results__count");
          if (count) announce(count.textContent.trim());
          var target = focusId && document.getElementById(focusId);
          if (target) target.focus();
        })
        .catch(function () { region.removeAttribute("aria-busy"); });
    }

    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches('input[type="checkbox"], select')) update(target.id);
    });
    form.classList.add("is-enhanced");
  }

  function init() {
    document.querySelectorAll("[data-autocomplete]").forEach(Autocomplete);
    document.querySelectorAll("form[data-search-form]").forEach(FacetForm);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
