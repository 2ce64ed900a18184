// Phones: the main navigation folds behind a menu button. Without this script the button stays
// hidden and every link stays visible.
document.querySelectorAll('.menu-button').forEach(function (button) {
  button.hidden = false;
  button.closest('.main-nav').classList.add('foldable');
  button.addEventListener('click', function () {
    var open = button.getAttribute('aria-expanded') === 'true';
    button.setAttribute('aria-expanded', String(!open));
  });
});
