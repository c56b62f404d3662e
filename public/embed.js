/*
 * Receptive Field Lab: fits embedded widgets to their content.
 *
 * Put it once on a page that shows one or more widgets in <iframe>s:
 *
 *   <script src="https://<where the course is hosted>/embed.js" async></script>
 *
 * Each embed page posts { type: 'rf-lab:embed-size', height: <CSS pixels> } to its parent when it
 * loads and whenever its content changes size. This script sets the height of the iframe that sent
 * the message: it compares event.source with each iframe's window, so a message changes only the
 * frame it came from. It accepts the message from any origin on purpose (the page embedding the
 * widget need not know where the course is hosted): the message can do nothing but set a height,
 * which is checked to be a finite number and kept within bounds.
 */
(function () {
  if (window.rfLabEmbed) return; // loaded twice (one snippet per widget): listen once
  window.rfLabEmbed = true;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'rf-lab:embed-size') return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.ceil(height), 20000) + 'px';
        return;
      }
    }
  });
})();
