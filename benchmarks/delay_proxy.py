"""A TCP proxy on loopback that delays every chunk by half the round-trip time each way, so a
client talking to PostgreSQL through it sees about --delay-ms more per round trip (issue 12:
the benchmark with ~10 ms of network). `tc qdisc … netem` is not available on the benchmark
machine (the kernel lacks the netem qdisc); this needs nothing but Python.

    python benchmarks/delay_proxy.py --port 55432 [--target 127.0.0.1:5432] [--delay-ms 10]

It prints "listening <port>" on stdout once it accepts connections. The delay is a latency,
not a bandwidth limit: chunks that arrive while others are in flight are not queued behind
their delay, each is written at its own arrival time + delay/2, in order. run_server.py starts
it as a subprocess and ends it when done.
"""

from __future__ import annotations

import argparse
import asyncio
import sys


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                delay: float) -> None:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()

    async def receive() -> None:
        while True:
            try:
                data = await reader.read(65536)
            except OSError:  # the peer went away (a probe process that exited): end of data
                data = b""
            await queue.put((loop.time() + delay, data))
            if not data:
                return

    async def send() -> None:
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()

    receiving = asyncio.ensure_future(receive())
    try:
        await send()
    except OSError:
        pass  # the other side is gone; handle() closes both
    finally:
        receiving.cancel()
        await asyncio.gather(receiving, return_exceptions=True)


async def _serve(port: int, host: str, target_port: int, delay: float) -> None:
    async def handle(client_reader, client_writer) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(host, target_port)
        except OSError:
            client_writer.close()
            return
        for writer in (client_writer, server_writer):
            sock = writer.get_extra_info("socket")
            if sock is not None:
                import socket

                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pipes = [asyncio.ensure_future(_pipe(client_reader, server_writer, delay)),
                 asyncio.ensure_future(_pipe(server_reader, client_writer, delay))]
        try:
            # When one direction ends (EOF or a reset), the connection is over: close both, so
            # the server's backend ends with the client.
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for writer in (client_writer, server_writer):
                writer.close()
            for pipe in pipes:
                pipe.cancel()
            await asyncio.gather(*pipes, return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="0: any free port (printed)")
    parser.add_argument("--target", default="127.0.0.1:5432")
    parser.add_argument("--delay-ms", type=float, default=10.0,
                        help="added round-trip time; half of it each way (default 10)")
    args = parser.parse_args()
    host, _, target_port = args.target.rpartition(":")
    try:
        asyncio.run(_serve(args.port, host or "127.0.0.1", int(target_port),
                           args.delay_ms / 2000))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
