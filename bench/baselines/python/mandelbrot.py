"""Mandelbrot: count the points of the N x N grid over [-1.5, 0.5] x [-1, 1]
(Cr = 2x/N - 1.5, Ci = 2y/N - 1) that stay bounded (|z|^2 <= 4) for 50
iterations of z = z^2 + c, and the sum of the bytes of the PBM bitmap (rows
packed most significant bit first, the last byte of a row padded with zeros).

Usage: python3 bench/baselines/python/mandelbrot.py [N]   (default 200)
"""

import sys

ITERATIONS = 50


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    count = 0
    checksum = 0
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        byte = 0
        bits = 0
        for x in range(n):
            cr = 2.0 * x / n - 1.5
            zr = 0.0
            zi = 0.0
            inside = True
            for _ in range(ITERATIONS):
                tr = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = tr
                if zr * zr + zi * zi > 4.0:
                    inside = False
                    break
            if inside:
                count += 1
            byte = byte * 2 + (1 if inside else 0)
            bits += 1
            if bits == 8:
                checksum += byte
                byte = 0
                bits = 0
        if bits > 0:
            checksum += byte << (8 - bits)
    print("mandelbrot %d: %d points, checksum %d" % (n, count, checksum))


main()
