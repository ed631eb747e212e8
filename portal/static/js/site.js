// Progressive enhancement only: every page works without this file.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});

// print.css prefixes internal links with the site's address. The policy
// forbids style="" in the markup, but CSSOM changes are allowed; without
// JavaScript the sheet's "Hentet fra" line still gives the address.
document.documentElement.style.setProperty(
  "--print-origin",
  JSON.stringify(window.location.origin)
);
