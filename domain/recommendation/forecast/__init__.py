"""Demand forecast: expected units per store × SKU over a horizon, pooled across the network.

`load_history` reads the sales the model needs; `forecast` turns them into a `Forecast`.
"""

from domain.recommendation.forecast.history import History, load_history
from domain.recommendation.forecast.model import Forecast, ForecastParams, forecast

__all__ = ["Forecast", "ForecastParams", "History", "forecast", "load_history"]
