// A stub of the Web Speech API for browser tests of "Nghe đọc" (issue 12), shared by
// read-aloud.spec.ts and alerts.spec.ts.
import type { Page } from '@playwright/test';

// "Nghe đọc" (issue 12) against a STUB of the Web Speech API: headless
// Chromium has no voices, so each test installs a stub speechSynthesis that
// reports the voices given and records what it is asked to say; finishUtterance()
// plays the end of the current utterance, as a real voice would when done.
export async function stubSpeech(page: Page, voices: { name: string; lang: string }[]) {
  await page.addInitScript((stubVoices) => {
    const spoken: string[] = [];
    let current: { text: string; onend: (() => void) | null } | null = null;
    class StubUtterance {
      text: string;
      lang = '';
      voice: unknown = null;
      rate = 1;
      onend: (() => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const asked = { voices: 0 };
    const stubSynthesis = {
      getVoices: () => {
        asked.voices++;
        return stubVoices.map((v) => ({ ...v, default: false, localService: true, voiceURI: v.name }));
      },
      speak(utterance: StubUtterance) {
        spoken.push(utterance.text);
        current = utterance;
      },
      cancel() {
        current = null;
      },
      pause() {},
      resume() {},
      addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: stubSynthesis, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: StubUtterance, configurable: true });
    Object.assign(window, {
      speechStub: {
        spoken,
        asked,
        finishUtterance() {
          const utterance = current;
          current = null;
          utterance?.onend?.();
        },
      },
    });
  }, voices);
}

export const spoken = (page: Page) => page.evaluate(() => (window as unknown as { speechStub: { spoken: string[] } }).speechStub.spoken.slice());
export const finishUtterance = (page: Page) =>
  page.evaluate(() => (window as unknown as { speechStub: { finishUtterance(): void } }).speechStub.finishUtterance());
export const lastSpoken = async (page: Page) => (await spoken(page)).at(-1) ?? '';
