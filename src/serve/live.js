// hromada serve: reloads the page when the site changes. It asks the
// server to answer once the site's version is no longer the one this page
// was rendered at (a long poll), and tries again every second while the
// server is away.
(function () {
  var seen = document.currentScript.getAttribute("data-version");
  function wait() {
    fetch("/__hromada/wait?v=" + encodeURIComponent(seen), { cache: "no-store" })
      .then(function (answer) { return answer.text(); })
      .then(function (version) {
        if (version !== seen) {
          location.reload();
        } else {
          wait();
        }
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
