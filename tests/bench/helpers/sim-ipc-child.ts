// A virtual phone in its own process (so its CPU is not counted as Tetherscope's), which
// answers the parent's questions about its process table over the IPC channel.
import { startVirtualPhone } from '../../../src/main/devices/virtual/index.js';

const [profile = 'flagship', adbPort = '5037'] = process.argv.slice(2);
const running = await startVirtualPhone({ profile, adbPort: Number(adbPort) });
process.send?.({ type: 'ready', serial: running.serial });
process.on('message', (message: { type: string }) => {
  if (message.type === 'spawns') process.send?.({ type: 'spawns', count: running.phone.spawnCount });
  if (message.type === 'stop') void running.stop().then(() => process.exit(0));
});
