package fetch

import (
	"bytes"
	"net/http"
	"strings"
)

// sniffBytes is how much of a body the control-byte share is measured on.
const sniffBytes = 64 << 10

// maxControlShare: text, in any charset, has almost no control bytes
// besides tab and line ends; binary data is full of them.
const maxControlShare = 0.05

// SniffNotText refuses bytes that are not text, whatever type they were
// declared as (sites serve PDFs and downloads as text/html): PDF, image,
// audio, video, archive and font signatures, and bodies with a high share of
// control bytes. The error is the same ErrNotArticle line a declared type
// gets. It looks at most at the first 64 KiB.
func SniffNotText(data []byte) error {
	head := bytes.TrimLeft(data[:min(len(data), 1024)], " \t\r\n\f")
	if bytes.HasPrefix(head, []byte("%PDF-")) {
		return notArticleType("application/pdf")
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil // UTF-16 with its byte-order mark: text, half of it NUL bytes
	}
	sniffed := http.DetectContentType(data)
	mt, _, _ := strings.Cut(sniffed, ";")
	major, _, _ := strings.Cut(mt, "/")
	switch {
	case major == "image" || major == "audio" || major == "video" || major == "font":
		return notArticleType(mt)
	case mt == "application/pdf" || mt == "application/zip" || mt == "application/x-gzip" ||
		mt == "application/x-rar-compressed" || mt == "application/wasm" || mt == "application/ogg" ||
		mt == "application/vnd.ms-fontobject" || mt == "application/postscript":
		return notArticleType(mt)
	}
	sample := data[:min(len(data), sniffBytes)]
	if len(sample) == 0 {
		return nil
	}
	controls := 0
	for _, c := range sample {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			controls++
		}
	}
	if float64(controls) > maxControlShare*float64(len(sample)) {
		return notArticleType("application/octet-stream")
	}
	return nil
}
