async function globalTeardown(): Promise<void> {
  await globalThis.testDatabaseTarget?.stop();
}

export = globalTeardown;
