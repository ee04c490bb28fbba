// Serves page.html on a loopback port, as a frontend's dev server would (e.g. Vite on 5173).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';

const page = await readFile(new URL('./page.html', import.meta.url));

/** Starts a server on 127.0.0.1:port (0 = a free one); resolves to { port, close }. */
export function servePage(port = 0) {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(page);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({
      port: server.address().port,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}
