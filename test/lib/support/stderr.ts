/**
 * Keeps the warnings the library prints at synth out of the test output, for the tests of the file that calls it
 * (the warnings themselves are asserted with `warned()` on `Warnings.of(app).all`).
 */
export function muteStderr(): void {
  let stderr: jest.SpyInstance;
  beforeEach(() => (stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)));
  afterEach(() => stderr.mockRestore());
}
