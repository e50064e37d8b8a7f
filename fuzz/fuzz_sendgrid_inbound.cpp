// Fuzzes SendGrid Inbound Parse: the input is a multipart/form-data body (parsed fields, or "Send
// Raw" with a whole MIME message in `email`, which GMime parses). The boundary is read from the
// body's first line ("--BOUNDARY"), so seeds taken from real posts keep their structure.
#include "fuzz_util.hpp"
#include "propos/channels/blob_store.hpp"
#include "propos/channels/sendgrid.hpp"

using namespace propos;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const std::string_view body = fuzz::as_text(data, size);
    std::string boundary = "xYzZY";
    if (body.starts_with("--")) {
        const auto eol = body.find_first_of("\r\n");
        boundary = std::string(body.substr(2, eol == std::string_view::npos ? std::string_view::npos : eol - 2));
    }
    const HttpHeaders headers = {{"Content-Type", "multipart/form-data; boundary=" + boundary}};
    channels::SendGridInboundOptions options;
    static const std::shared_ptr<channels::BlobStore> blobs = channels::make_memory_blob_store();
    options.blob_store = blobs;
    options.max_attachment_bytes = 1 << 16;
    const auto result = channels::handle_sendgrid_inbound(options, "POST", "https://hooks.example.com/sendgrid",
                                                          headers, body, fuzz::fixed_now());
    if (result.message) (void)Json(*result.message).dump();
    return 0;
}
