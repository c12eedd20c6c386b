import hashlib, struct, sys
def positions(seed_hex, n):
    seed = bytes.fromhex(seed_hex); k = 0; buf = []
    def word():
        nonlocal k, buf
        if not buf:
            block = hashlib.sha256(seed + struct.pack('>Q', k)).digest(); k += 1
            buf = [struct.unpack('>Q', block[i:i+8])[0] >> 1 for i in range(0, 32, 8)]
        return buf.pop(0)
    def uniform(b):
        while True:
            v = word()
            if v - v % b + b - 1 < 2**63: return v % b
    order = list(range(1, n + 1))
    for i in range(n - 1, 0, -1):
        j = uniform(i + 1); order[i], order[j] = order[j], order[i]
    pos = [0] * n
    for idx, ticket in enumerate(order): pos[ticket - 1] = idx + 1
    return pos
print(positions(sys.argv[1], int(sys.argv[2])))
