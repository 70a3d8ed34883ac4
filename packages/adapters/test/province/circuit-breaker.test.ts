import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpenError } from '../../src/province/circuit-breaker.ts';

function breaker() {
  let now = 1_000_000;
  const b = new CircuitBreaker({ failuresToOpen: 3, openForMs: 10_000, now: () => now });
  return { b, advance: (ms: number) => (now += ms) };
}
const fail = () => Promise.reject(new Error('timeout'));
const succeed = () => Promise.resolve('ok');

describe('CircuitBreaker', () => {
  it('opens after the failures in a row and refuses at once without calling', async () => {
    // Prepare
    const { b } = breaker();
    for (let i = 0; i < 3; i++) await expect(b.run(fail)).rejects.toThrow('timeout');
    let called = false;

    // Act
    const refused = b.run(async () => (called = true));

    // Assess
    await expect(refused).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
    expect(b.state).toBe('open');
  });

  it('counts failures in a row only: a success in between resets the count', async () => {
    const { b } = breaker();
    await expect(b.run(fail)).rejects.toThrow();
    await expect(b.run(fail)).rejects.toThrow();
    await b.run(succeed);
    await expect(b.run(fail)).rejects.toThrow();
    expect(b.state).toBe('closed');
  });

  it('does not count what the caller says is an answer, not a failure', async () => {
    const { b } = breaker();
    for (let i = 0; i < 5; i++) await expect(b.run(fail, () => false)).rejects.toThrow();
    expect(b.state).toBe('closed');
  });

  it('lets one trial through after the open time; its success closes the circuit', async () => {
    // Prepare
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) await expect(b.run(fail)).rejects.toThrow();
    advance(10_000);

    // Act
    let release!: () => void;
    const trial = b.run(() => new Promise<string>((r) => (release = () => r('ok'))));
    const second = b.run(succeed);

    // Assess
    await expect(second).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await expect(trial).resolves.toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('reopens for another full period when the trial fails', async () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) await expect(b.run(fail)).rejects.toThrow();
    advance(10_000);
    await expect(b.run(fail)).rejects.toThrow('timeout');
    expect(b.state).toBe('open');
    advance(9_999);
    expect(b.state).toBe('open');
    advance(1);
    expect(b.state).toBe('half-open');
  });
});
