/** Holds the lock of a run folder until killed: node --import tsx test/runs/lockHolderChild.ts <dir> */
import { RunLock } from "../../src/runs/RunLock";

RunLock.acquire(process.argv[2]);
console.log("locked");
setInterval(() => {}, 1000);
