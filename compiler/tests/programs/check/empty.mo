actor {}
