package io.wschannels.cdi.connection;

/** Sizes of text as it travels: UTF-8 bytes, without encoding it. */
public final class Utf8 {

    private Utf8() {}

    /**
     * @param text any text
     * @return its length in UTF-8 bytes
     */
    public static int length(CharSequence text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
