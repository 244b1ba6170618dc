# OTP018 is off in test files by default.
defmodule CrawlerTest do
  def fetch(urls), do: Task.async_stream(urls, &Req.get!/1) |> Enum.to_list()
end
