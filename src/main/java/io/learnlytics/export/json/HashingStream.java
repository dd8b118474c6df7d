package io.learnlytics.export.json;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes bytes through to the client while hashing and counting them. */
public final class HashingStream extends OutputStream {
  private final MessageDigest digest = Jcs.sha256();
  private final OutputStream out;
  private long bytes;

  public HashingStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    digest.update((byte) b);
    out.write(b);
    bytes++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    digest.update(b, off, len);
    out.write(b, off, len);
    bytes += len;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Bytes passed through so far. */
  public long bytes() {
    return bytes;
  }

  /** Hashes a byte without passing it through. */
  void hashOnly(byte b) {
    digest.update(b);
  }

  /** {@code sha256:} and the hash of what went through; ends the hashing. */
  public String checksum() {
    return Jcs.checksum(digest);
  }
}
