package dev.scalecheck.compose.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "location / { proxy_pass http://web:8000; }",
        "upstream app {\n    server web:8000 max_fails=3;\n}",
        "upstream app {\n    server web;\n}",
        "backend app\n    server s1 web:8000 check",
        "backend app\n    server-template app 4 web:8000 check resolvers docker init-addr none",
        "example.com {\n    reverse_proxy web:8000\n}",
        ":80 {\n    reverse_proxy /api/* web:8000\n}",
        "      - endpoint:\n          address:\n            socket_address:\n              address: web\n",
        "http:\n  services:\n    app:\n      loadBalancer:\n        servers:\n          - url: \"http://web:8000\"\n",
        "location / { grpc_pass grpc://web:9000; }"})
    void namesTheServiceAsAnUpstream(String config) {
        assertThat(Routing.upstream("web").matcher(config).find()).as(config).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "location /web/ { proxy_pass http://api:8000; }",
        "server_name web.example.com;",
        "upstream app {\n    server webapp:8000;\n}",
        "root /usr/share/nginx/web;",
        "# server web:8000 is gone",
        "location / { proxy_pass http://web2:8000; }"})
    void doesNotTakeAWordForRouting(String config) {
        assertThat(Routing.upstream("web").matcher(config).find()).as(config).isFalse();
    }
}
