package server

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, on a registry of its own. No label ever holds
// request data: routes are patterns, rules are codes.
type metrics struct {
	registry   *prometheus.Registry
	requests   *prometheus.CounterVec
	renderTime *prometheus.HistogramVec
	failures   *prometheus.CounterVec
	inFlight   prometheus.Gauge
}

func newMetrics(queue func() float64) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "letters_http_requests_total", Help: "HTTP requests by route and status.",
		}, []string{"route", "status"}),
		renderTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "letters_render_duration_seconds", Help: "Time to compose and draw one letter.",
			Buckets: []float64{.00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
		}, []string{"format"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "letters_validation_failures_total", Help: "Errors found in letters, by rule code.",
		}, []string{"rule"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "letters_renders_in_flight", Help: "Letters being drawn now.",
		}),
	}
	waiting := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "letters_render_queue_length", Help: "Letters waiting for a render slot.",
	}, queue)
	m.registry.MustRegister(m.requests, m.renderTime, m.failures, m.inFlight, waiting,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() gin.HandlerFunc {
	h := promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
	return func(c *gin.Context) { h.ServeHTTP(c.Writer, c.Request) }
}

// count records a finished request.
func (m *metrics) count(route string, status int) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
}

// rendering measures one drawing; call the returned func when it ends.
func (m *metrics) rendering(format string) func() {
	m.inFlight.Inc()
	start := time.Now()
	return func() {
		m.inFlight.Dec()
		m.renderTime.WithLabelValues(format).Observe(time.Since(start).Seconds())
	}
}
