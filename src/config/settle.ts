import { RelnotesError } from "../errors.js";

/**
 * Wait for a config module (or the promise it exports) to settle. A promise
 * that nothing can ever settle empties the event loop: that is reported at
 * once. One kept pending by a timer or socket is cut off after `timeoutMs`.
 */
export function settle<T>(work: Promise<T>, name: string, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stuck = (why: string) => {
      done();
      reject(
        new RelnotesError(
          `${name} never finished evaluating: ${why}`,
          "a config must export its settings (or a promise of them) that resolves; look for an await that " +
            "never returns",
        ),
      );
    };
    const idle = () => stuck("it waits on a promise that nothing will ever resolve");
    const timer = setTimeout(() => stuck(`still pending after ${timeoutMs / 1000} s`), timeoutMs);
    // Unref'd, so an idle event loop ends the wait at once (beforeExit) instead of after the timeout.
    timer.unref();
    process.once("beforeExit", idle);
    const done = () => {
      clearTimeout(timer);
      process.removeListener("beforeExit", idle);
    };
    work.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
