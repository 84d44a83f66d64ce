// The read-aloud player (loaded by site/components/ReadAloud.astro on first
// use): the title, then each step of the guide, one utterance at a time so
// previous/next/pause act on whole steps and the step being read is marked.
// Pause cancels and resumes from the start of the step: speechSynthesis.pause()
// is unreliable on Android, and a step is short. Its words come from the
// panel's data attributes (site/i18n/ui.ts via ReadAloud.astro).

const isVietnamese = (voice: SpeechSynthesisVoice) => /^vi\b/i.test(voice.lang);

/** What is read: the title, then every step (<Steps> lists); a guide without steps reads its paragraphs. */
function parts(prefix: string): { element: HTMLElement; text: string }[] {
  const title = document.querySelector<HTMLElement>('article h1');
  const steps = [...document.querySelectorAll<HTMLElement>('.guide-content .steps > ol > li')];
  const items = steps.length > 0 ? steps : [...document.querySelectorAll<HTMLElement>('.guide-content > p, .guide-content > ul > li')];
  const text = (el: HTMLElement) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
  return [
    ...(title ? [{ element: title, text: text(title) }] : []),
    ...items.map((element, i) => ({ element, text: steps.length > 0 ? `${prefix.replace('{n}', String(i + 1))} ${text(element)}` : text(element) })),
  ];
}

function start(button: HTMLButtonElement): void {
  const panel = document.querySelector<HTMLElement>('[data-read-aloud-panel]')!;
  const status = panel.querySelector<HTMLElement>('[data-read-aloud-status]')!;
  const pauseButton = panel.querySelector<HTMLButtonElement>('[data-read="pause"]')!;
  const synth = window.speechSynthesis;
  const voice = synth.getVoices().find(isVietnamese);
  const items = parts(panel.dataset.prefix!);
  const stepCount = items.length - 1;
  let index = 0;
  let paused = false;
  let current: SpeechSynthesisUtterance | null = null;

  const mark = () => {
    for (const [i, item] of items.entries()) item.element.classList.toggle('reading-now', i === index && current !== null);
    items[index]?.element.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const say = (text: string) => (status.textContent = text);
  const stop = (message = '') => {
    current = null;
    synth.cancel();
    mark();
    say(message);
  };
  const speak = (i: number) => {
    index = Math.max(0, Math.min(i, items.length - 1));
    paused = false;
    pauseButton.textContent = panel.dataset.pause!;
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(items[index]!.text);
    utterance.lang = voice?.lang ?? 'vi-VN';
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9;
    utterance.onend = () => {
      if (current !== utterance || paused) return;
      if (index < items.length - 1) speak(index + 1);
      else stop(panel.dataset.done);
    };
    current = utterance;
    mark();
    say(index === 0 ? panel.dataset.title! : panel.dataset.step!.replace('{n}', String(index)).replace('{count}', String(stepCount)));
    synth.speak(utterance);
  };

  panel.onclick = (event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>('[data-read]')?.dataset.read;
    if (action === 'previous') speak(index - 1);
    else if (action === 'next') speak(index + 1);
    else if (action === 'stop') {
      stop();
      panel.hidden = true;
      button.focus();
    } else if (action === 'pause') {
      if (paused) return speak(index);
      paused = true;
      synth.cancel();
      pauseButton.textContent = panel.dataset.resume!;
      say(panel.dataset.paused!);
    }
  };
  addEventListener('pagehide', () => synth.cancel(), { once: true });
  panel.hidden = false;
  speak(0);
}

const button = document.querySelector<HTMLButtonElement>('[data-read-aloud]');
if (button) {
  button.onclick = () => start(button);
  start(button);
}
