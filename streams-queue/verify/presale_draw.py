#!/usr/bin/env python3
"""Re-runs a waiting room's pre-sale draw from its revealed seed (no dependencies beyond Python 3).

    python3 presale_draw.py <seed-hex> <presale-count> [<commitment-hex>] [<presale-number>]

Prints whether the seed matches the commitment published before the sale opened, then the position drawn for
one pre-sale ticket, or for all of them. The seed, count and commitment are in queue-progress (presaleSeed,
presaleCount, presaleSeedCommitment) and in the PRESALE_DRAWN record of queue-events. The specification is in
io.onsale.queue.domain.PresaleDraw; this file is its independent transcription.
"""
import hashlib
import struct
import sys


def positions(seed_hex, count):
    seed = bytes.fromhex(seed_hex)
    state = {"block": 0, "words": []}

    def word():
        if not state["words"]:
            digest = hashlib.sha256(seed + struct.pack(">Q", state["block"])).digest()
            state["block"] += 1
            state["words"] = [struct.unpack(">Q", digest[i:i + 8])[0] >> 1 for i in range(0, 32, 8)]
        return state["words"].pop(0)

    def uniform(bound):
        while True:
            value = word()
            if value - value % bound + bound - 1 < 2 ** 63:
                return value % bound

    order = list(range(1, count + 1))
    for i in range(count - 1, 0, -1):
        j = uniform(i + 1)
        order[i], order[j] = order[j], order[i]
    drawn = [0] * count
    for index, ticket in enumerate(order):
        drawn[ticket - 1] = index + 1
    return drawn


def main(args):
    if len(args) < 2:
        print(__doc__.strip())
        return 64
    seed, count = args[0], int(args[1])
    if len(args) > 2 and args[2]:
        matches = hashlib.sha256(bytes.fromhex(seed)).hexdigest() == args[2].lower()
        print("commitment " + ("matches" if matches else "DOES NOT MATCH") + " the seed")
        if not matches:
            return 1
    drawn = positions(seed, count)
    if len(args) > 3:
        print("pre-sale ticket %s -> position %d" % (args[3], drawn[int(args[3]) - 1]))
    else:
        for number, position in enumerate(drawn, start=1):
            print("%d -> %d" % (number, position))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
