import { onCancel } from './cancellation.js'
import { run } from './main.js'

onCancel.install()
await run()
